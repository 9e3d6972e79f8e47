import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-4NR4XPJY.js";import"./chunk-LBGSJ323.js";import"./chunk-OEKFFKMT.js";import"./chunk-LFXZ33ER.js";import"./chunk-GA2L64RV.js";import"./chunk-PDN5WOWH.js";import"./chunk-GLLQ6AFO.js";import"./chunk-XS6FWFLK.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-ZXWWCEWC.js";import"./chunk-BGIQRBG7.js";import"./chunk-IQVWDWET.js";export{b as answerInComment,a as readAnswer};
//# sourceMappingURL=comment-FVUDPY5T.js.map
