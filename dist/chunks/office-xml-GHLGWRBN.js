import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{b as a,c as b,d as c,e as d,f as e,g as f,h as g,i as h,j as i,k as j}from"./chunk-E2HKOE45.js";import"./chunk-IQVWDWET.js";export{c as checkOffice,e as decodeEntities,f as encodeEntities,a as officeKind,b as openParts,g as paragraphsOf,h as rewriteParagraphs,j as slideParts,d as xmlText,i as zipParts};
//# sourceMappingURL=office-xml-GHLGWRBN.js.map
