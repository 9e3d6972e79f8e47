import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-NN6HUB2D.js";import"./chunk-KXVMUYJ4.js";import"./chunk-6CVPPEZI.js";import"./chunk-5HKJRFAF.js";import"./chunk-IQVWDWET.js";export{a as attributesOf,e as openTemplate,d as reachable,c as relationships,b as relsPart};
//# sourceMappingURL=slide-template-Q6LL42CD.js.map
