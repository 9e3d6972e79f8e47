import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{b as a,c as b,d as c,e as d,f as e,g as f,h as g,i as h,j as i,k as j,l as k}from"./chunk-KXVMUYJ4.js";import"./chunk-5HKJRFAF.js";import"./chunk-IQVWDWET.js";export{c as checkOffice,e as decodeEntities,g as encodeEntities,a as officeKind,b as openParts,h as paragraphsOf,i as rewriteParagraphs,k as slideParts,f as xmlCharacters,d as xmlText,j as zipParts};
//# sourceMappingURL=office-xml-NKGV54GO.js.map
