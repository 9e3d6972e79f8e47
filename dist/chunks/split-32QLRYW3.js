import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as t}from"./chunk-KYMVC3ZS.js";import{a as m,b as p,d as l}from"./chunk-GVUHJSPL.js";import"./chunk-DOZKFDUD.js";import{a as i}from"./chunk-JIYPEW5L.js";var b=t.object({summary:t.string(),issues:t.array(t.object({title:t.string(),body:t.string()}))}),a=10;function c(e,s){return`${e.trim()}

---

Part of #${s}.`}i(c,"subIssueBody");async function I(e){if(e.thread.kind!=="issue")return{kind:"reply",body:`I split issues, not pull requests. Write "${e.botName} split this" in the issue this pull request belongs to.`};let s=await e.model.generateObject({purpose:"split",schemaName:"split",schema:b,messages:l(e,p(m.split,{bot_name:e.botName}))}),o=s.value.issues.filter(r=>r.title.trim()),n=s.value.summary.trim();if(!o.length)return{kind:"reply",body:n||"I see no parts that this issue should be split into."};let u=o.slice(0,a),d=o.length>u.length?`

(The model proposed ${o.length} issues; I opened the first ${a}.)`:"",h=u.map(r=>({title:r.title.trim(),body:c(r.body,e.thread.number)}));return{kind:"issues",parent:e.thread.number,issues:h,intro:n+d}}i(I,"splitIssue");export{a as MAX_SUB_ISSUES,b as SplitSchema,I as splitIssue,c as subIssueBody};
//# sourceMappingURL=split-32QLRYW3.js.map
