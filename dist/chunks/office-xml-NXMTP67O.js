import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d,e,f,g,h,i,j}from"./chunk-JMWUG7OA.js";import"./chunk-W7RI4MQT.js";import"./chunk-F2NCHONS.js";import"./chunk-CU4LTYDP.js";import"./chunk-IQVWDWET.js";export{c as checkOffice,f as encodeEntities,a as officeKind,b as openParts,g as paragraphsOf,h as rewriteParagraphs,j as slideParts,e as xmlCharacters,d as xmlText,i as zipParts};
//# sourceMappingURL=office-xml-NXMTP67O.js.map
