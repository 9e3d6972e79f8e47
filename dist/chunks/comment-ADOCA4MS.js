import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-MDR7ZXGV.js";import"./chunk-FBWEXC63.js";import"./chunk-IMMP7V63.js";import"./chunk-LFXZ33ER.js";import"./chunk-2Z2DRAR6.js";import"./chunk-2L5DDUXU.js";import"./chunk-ONGFTIKU.js";import"./chunk-XS6FWFLK.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-RENBM5YV.js";import"./chunk-BGIQRBG7.js";import"./chunk-IQVWDWET.js";export{b as answerInComment,a as readAnswer};
//# sourceMappingURL=comment-ADOCA4MS.js.map
