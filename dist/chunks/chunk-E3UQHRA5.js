import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as e}from"./chunk-IQVWDWET.js";function m(n){let t=/\.(docx|pptx|xlsx|pdf)$/i.exec(n);return t?t[1].toLowerCase():null}e(m,"documentKind");async function s(n,t){if(n==="pdf"){let{extractText:r,getDocumentProxy:i}=await import("./dist-OQZPX3XK.js"),a=await i(new Uint8Array(t)),{text:c}=await r(a,{mergePages:!1});return c.map((x,p)=>`## Page ${p+1}

${x.trim()}`).join(`

`)}let{readOffice:o}=await import("./read-office-BJANHR4U.js");return o(n,t)}e(s,"readDocument");export{m as a,s as b};
//# sourceMappingURL=chunk-E3UQHRA5.js.map
