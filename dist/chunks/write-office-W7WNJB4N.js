import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-WIX75HUJ.js";import"./chunk-D4ZBGBT4.js";import"./chunk-UUWFIDKD.js";import"./chunk-W7RI4MQT.js";import"./chunk-F2NCHONS.js";import"./chunk-CU4LTYDP.js";import"./chunk-IQVWDWET.js";export{b as buildDeck,c as buildDocument,d as buildWorkbook,a as picture};
//# sourceMappingURL=write-office-W7WNJB4N.js.map
