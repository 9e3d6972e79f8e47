import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{d as s,j as a}from"./chunks/chunk-RENBM5YV.js";import{a as t}from"./chunks/chunk-IQVWDWET.js";import{workerData as m,parentPort as g}from"node:worker_threads";var{flags:n,port:p}=m,i=t(r=>{Atomics.store(n,r,1),Atomics.notify(n,r)},"raise");g?.on("message",r=>{let e;try{e={ok:!0,value:a(r)}}catch(o){e={ok:!1,error:o instanceof Error?o.message:String(o)}}p.postMessage(e),i(s.DONE)});i(s.READY);
//# sourceMappingURL=markdown-worker.js.map
