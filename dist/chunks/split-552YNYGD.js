import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{e as h}from"./chunk-FBWEXC63.js";import"./chunk-IMMP7V63.js";import"./chunk-LFXZ33ER.js";import{a as p,b as l,c as a,e as d}from"./chunk-2Z2DRAR6.js";import"./chunk-2L5DDUXU.js";import"./chunk-ONGFTIKU.js";import"./chunk-XS6FWFLK.js";import{a as t}from"./chunk-BZ7MZ3UF.js";import"./chunk-RENBM5YV.js";import"./chunk-BGIQRBG7.js";import{a as i}from"./chunk-IQVWDWET.js";var y=t.object({summary:t.string(),issues:t.array(t.object({title:t.string(),body:t.string()}))}),c=10;function g(e,r){return`${e.trim()}

---

Part of #${r}.`}i(g,"subIssueBody");async function N(e){if(e.thread.kind!=="issue")return{kind:"reply",body:`I split issues, not pull requests. Write "${e.botName} split this" in the issue this pull request belongs to.`};let r=a(p.split,{...l(e.forge),bot_name:e.botName}),n=await h(e,{purpose:"split",schemaName:"split",schema:y},s=>d(s,r)),o=n.value.issues.filter(s=>s.title.trim()),u=n.value.summary.trim();if(!o.length)return{kind:"reply",body:u||"I see no parts that this issue should be split into."};let m=o.slice(0,c),b=o.length>m.length?`

(The model proposed ${o.length} issues; I opened the first ${c}.)`:"",f=m.map(s=>({title:s.title.trim(),body:g(s.body,e.thread.number)}));return{kind:"issues",parent:e.thread.number,issues:f,intro:u+b}}i(N,"splitIssue");export{c as MAX_SUB_ISSUES,y as SplitSchema,N as splitIssue,g as subIssueBody};
//# sourceMappingURL=split-552YNYGD.js.map
