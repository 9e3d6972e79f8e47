import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as t}from"./chunk-IQVWDWET.js";function o(r,e,n=`${e}s`){return`${r.toLocaleString("en-US")} ${r===1?e:n}`}t(o,"counted");function g(r,e,n){return r===1?e:n}t(g,"agrees");export{o as a,g as b};
//# sourceMappingURL=chunk-XS6FWFLK.js.map
