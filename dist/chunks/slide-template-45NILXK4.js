import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-FG5JIUAS.js";import"./chunk-UUWFIDKD.js";import"./chunk-W7RI4MQT.js";import"./chunk-XS6FWFLK.js";import"./chunk-F2NCHONS.js";import"./chunk-CU4LTYDP.js";import"./chunk-IQVWDWET.js";export{d as openTemplate,b as parsed,c as reachable,a as relationships};
//# sourceMappingURL=slide-template-45NILXK4.js.map
