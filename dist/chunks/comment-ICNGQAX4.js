import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{e as a,f as b,g as c,h as d}from"./chunk-BZQSOBM2.js";import"./chunk-QFRALE3P.js";import"./chunk-JIYPEW5L.js";export{d as answerInComment,b as conversationMessages,c as readAnswer,a as systemPrompt};
//# sourceMappingURL=comment-ICNGQAX4.js.map
