import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-HGIII2PH.js";import"./chunk-U3EMPUDQ.js";import"./chunk-IE6AXEQR.js";import"./chunk-V2UHZIAB.js";import"./chunk-CT7EODAJ.js";import"./chunk-GLLQ6AFO.js";import"./chunk-XS6FWFLK.js";import"./chunk-BZ7MZ3UF.js";import"./chunk-BGIQRBG7.js";import"./chunk-IQVWDWET.js";export{b as answerInComment,a as readAnswer};
//# sourceMappingURL=comment-J4QTOBAK.js.map
