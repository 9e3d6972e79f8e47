import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{h as a,i as b,j as c,k as d}from"./chunk-GC2X3BY7.js";import"./chunk-ZFWPRM5S.js";import"./chunk-X2FOQVH3.js";import"./chunk-6CVPPEZI.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-GUCCF36D.js";import"./chunk-IQVWDWET.js";export{d as answerInComment,b as conversationMessages,c as readAnswer,a as systemPrompt};
//# sourceMappingURL=comment-TW7WDZVS.js.map
