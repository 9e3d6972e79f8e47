import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as e}from"./chunk-IQVWDWET.js";function i(n,r,t=`${r}s`){return`${n.toLocaleString("en-US")} ${n===1?r:t}`}e(i,"counted");function g(n,r,t){return n===1?r:t}e(g,"agrees");export{i as a,g as b};
//# sourceMappingURL=chunk-6CVPPEZI.js.map
