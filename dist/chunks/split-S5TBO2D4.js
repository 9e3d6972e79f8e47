import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{e as d}from"./chunk-LBGSJ323.js";import"./chunk-OEKFFKMT.js";import"./chunk-LFXZ33ER.js";import{a as p,b as l,d as a}from"./chunk-GA2L64RV.js";import"./chunk-PDN5WOWH.js";import"./chunk-GLLQ6AFO.js";import"./chunk-XS6FWFLK.js";import{a as e}from"./chunk-BZ7MZ3UF.js";import"./chunk-ZXWWCEWC.js";import"./chunk-BGIQRBG7.js";import{a as i}from"./chunk-IQVWDWET.js";var y=e.object({summary:e.string(),issues:e.array(e.object({title:e.string(),body:e.string()}))}),c=10;function f(t,r){return`${t.trim()}

---

Part of #${r}.`}i(f,"subIssueBody");async function v(t){if(t.thread.kind!=="issue")return{kind:"reply",body:`I split issues, not pull requests. Write "${t.botName} split this" in the issue this pull request belongs to.`};let r=l(p.split,{bot_name:t.botName}),n=await d(t,{purpose:"split",schemaName:"split",schema:y},s=>a(s,r)),o=n.value.issues.filter(s=>s.title.trim()),u=n.value.summary.trim();if(!o.length)return{kind:"reply",body:u||"I see no parts that this issue should be split into."};let m=o.slice(0,c),h=o.length>m.length?`

(The model proposed ${o.length} issues; I opened the first ${c}.)`:"",b=m.map(s=>({title:s.title.trim(),body:f(s.body,t.thread.number)}));return{kind:"issues",parent:t.thread.number,issues:b,intro:u+h}}i(v,"splitIssue");export{c as MAX_SUB_ISSUES,y as SplitSchema,v as splitIssue,f as subIssueBody};
//# sourceMappingURL=split-S5TBO2D4.js.map
