import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-YYQVZF44.js";import"./chunk-KXVMUYJ4.js";import"./chunk-5HKJRFAF.js";import"./chunk-D4ZBGBT4.js";import"./chunk-IQVWDWET.js";export{b as buildDeck,c as buildDocument,d as buildWorkbook,a as picture};
//# sourceMappingURL=write-office-SO3FOJWZ.js.map
