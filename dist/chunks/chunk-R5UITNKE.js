import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as l}from"./chunk-6CVPPEZI.js";import{a as i}from"./chunk-IQVWDWET.js";var h=16e6;function y(o){let e=/\.(docx|pptx|xlsx|pdf)$/i.exec(o);return e?e[1].toLowerCase():null}i(y,"documentKind");async function P(o,e,n=0){if(o==="pdf"){let{extractText:m,getDocumentProxy:f}=await import("./dist-OQZPX3XK.js"),c=await f(new Uint8Array(e),{maxImageSize:h,isEvalSupported:!1}),{text:x}=await m(c,{mergePages:!1}),t=n>0?await(await import("./pdf-pictures-RN5JYNMF.js")).pdfPictures(c,n):null,g=x.map((a,p)=>{let s=(t?.byPage.get(p+1)??[]).map(D=>`[picture ${D.number}]`);return[`## Page ${p+1}`,a.trim(),...s.length?[s.join(" ")]:[]].join(`

`)}),u=[t?.stoppedAt?`the pictures from page ${t.stoppedAt} on (at most ${n} are read)`:null,t?.failed.length?`the pictures on page ${t.failed.join(", ")} (they could not be decoded)`:null].filter(a=>a!==null);return{text:g.join(`

`),pictures:t?[...t.byPage.values()].flat():[],unread:u.length?u.join("; "):null}}let{readOfficeWithPictures:d}=await import("./read-office-BUPZOJV2.js"),r=d(o,e,n);return{text:r.text,pictures:r.pictures,unread:r.more?`${l(r.more,"more picture")} (at most ${n} are read)`:null}}i(P,"readDocument");export{y as a,P as b};
//# sourceMappingURL=chunk-R5UITNKE.js.map
