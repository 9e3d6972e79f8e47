import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{c as a,d as b,e as c,f as d}from"./chunk-GVUHJSPL.js";import"./chunk-DOZKFDUD.js";import"./chunk-JIYPEW5L.js";export{d as answerInComment,b as conversationMessages,c as readAnswer,a as systemPrompt};
//# sourceMappingURL=comment-L7G4GTRL.js.map
