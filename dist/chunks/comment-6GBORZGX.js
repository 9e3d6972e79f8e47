import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{h as a,i as b,j as c,k as d}from"./chunk-VGT63F4A.js";import"./chunk-RMWM4QKI.js";import"./chunk-GLLQ6AFO.js";import"./chunk-XS6FWFLK.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-FFHBD4YU.js";import"./chunk-IQVWDWET.js";export{d as answerInComment,b as conversationMessages,c as readAnswer,a as systemPrompt};
//# sourceMappingURL=comment-6GBORZGX.js.map
