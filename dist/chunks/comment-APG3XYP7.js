import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{g as a,h as b,i as c,j as d}from"./chunk-3E326LNL.js";import"./chunk-H6ER3MU5.js";import"./chunk-6CVPPEZI.js";import"./chunk-E3UQHRA5.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-GUCCF36D.js";import"./chunk-IQVWDWET.js";export{d as answerInComment,b as conversationMessages,c as readAnswer,a as systemPrompt};
//# sourceMappingURL=comment-APG3XYP7.js.map
