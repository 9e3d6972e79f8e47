import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-VPQWTLOH.js";import"./chunk-BIJTC3C2.js";import"./chunk-SMW6AFA4.js";import"./chunk-LFXZ33ER.js";import"./chunk-IA3YSDVG.js";import"./chunk-5W2TGJOT.js";import"./chunk-GLLQ6AFO.js";import"./chunk-XS6FWFLK.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-ZXWWCEWC.js";import"./chunk-BGIQRBG7.js";import"./chunk-IQVWDWET.js";export{b as answerInComment,a as readAnswer};
//# sourceMappingURL=comment-VZ76U6A5.js.map
