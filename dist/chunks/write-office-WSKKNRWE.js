import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-5USQDTPX.js";import"./chunk-D4ZBGBT4.js";import"./chunk-I6IO3ZER.js";import"./chunk-BGN2RKIB.js";import"./chunk-F2NCHONS.js";import"./chunk-CU4LTYDP.js";import"./chunk-IQVWDWET.js";export{b as buildDeck,c as buildDocument,d as buildWorkbook,a as picture};
//# sourceMappingURL=write-office-WSKKNRWE.js.map
