import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as m}from"./chunk-C72OVSBB.js";import{a as r}from"./chunk-IQVWDWET.js";import{spawn as y}from"node:child_process";import{existsSync as p,readFileSync as v}from"node:fs";import{dirname as b,join as i}from"node:path";import{parseArgs as k}from"node:util";var h=".tmp/eval",g=`Usage: git-bob eval [options]   (or, in a clone of git-bob: npm run eval -- [options])

Plays the tasks in eval/tasks with each model: a simulated issue author (a second model) discusses the issue with
git-bob in a local GitHub stand-in until it asks for the change and is satisfied, or the turns run out; then the
task's check runs in the box. Prints a table per model; writes results.json and report.md.

Options:
  --tasks <a,b>            only these tasks (by folder name)
  --kinds <a,b>            only tasks of these kinds (question, bugfix, feature, notebook, review, ...)
  --model <p:model>        git-bob's model (repeat it: every task is played with each); default: GitHub Models
                           with GITHUB_TOKEN, else the first provider whose key is set
  --author-model <p:model> the simulated author's model (default: the same as each --model)
  --max-cost-usd <n>       stop starting new tasks once the eval has cost this much (git-bob and the author)
  --record <dir>           keep every model exchange (masked) as a cassette per task and model
  --replay <dir>           play those cassettes back from a local server instead of asking a model (offline)
  --out <dir>              where results.json and report.md go (default ${h})
  --stand-ins              stand-ins play both roles even when keys are set: a harness check, not a score
  -h, --help               this text

Without a key for the model (OPENAI_API_KEY, ANTHROPIC_API_KEY, GITHUB_TOKEN, ...), the stand-ins play both roles.`,c={tasks:{type:"string",multiple:!0},kinds:{type:"string",multiple:!0},model:{type:"string",multiple:!0},"author-model":{type:"string"},"max-cost-usd":{type:"string"},record:{type:"string"},replay:{type:"string"},out:{type:"string"},"stand-ins":{type:"boolean"},help:{type:"boolean",short:"h"}},u=r(s=>(s??[]).flatMap(e=>e.split(",")).map(e=>e.trim()).filter(Boolean),"list");function f(s){let e;try{({values:e}=k({args:[...s],options:c,allowPositionals:!1,strict:!0}))}catch(o){let a=o instanceof Error?o.message:String(o),l=/Unknown option '--([^']+)'/.exec(a)?.[1],d=l?m(l,Object.keys(c)):null;return{kind:"usage-error",message:d?`${a}: did you mean --${d}?`:a}}if(e.help)return{kind:"help"};let t=null;if(e["max-cost-usd"]!==void 0&&(t=Number(e["max-cost-usd"]),!Number.isFinite(t)||t<=0))return{kind:"usage-error",message:`--max-cost-usd wants a positive number of US dollars, not "${e["max-cost-usd"]}".`};if(e.record!==void 0&&e.replay!==void 0)return{kind:"usage-error",message:"Give --record or --replay, not both."};let n=u(e.model);return n.some(o=>!o.includes(":"))?{kind:"usage-error",message:`--model wants provider:model, e.g. openai:gpt-4.1 (got ${n.join(", ")}).`}:{kind:"run",options:{tasks:u(e.tasks),kinds:u(e.kinds),models:n,authorModel:e["author-model"]??null,maxCostUsd:t,record:e.record??null,replay:e.replay??null,out:e.out??h,standIns:e["stand-ins"]??!1}}}r(f,"parseEvalArgs");var x="git-bob eval runs from a clone of git-bob: it needs eval/ and the stand-ins in test/fakes, which the published command line does not bundle. Run `git clone https://github.com/haesleinhuepf/git-bob-ts && cd git-bob-ts && npm ci && npm run eval` (or git-bob eval inside that clone).";function w(s){for(let e=s;;e=b(e)){let t=i(e,"package.json");if(p(t)&&p(i(e,"eval","run.ts")))try{if(JSON.parse(v(t,"utf8")).name==="git-bob")return e}catch{}if(b(e)===e)return null}}r(w,"findClone");async function T(s,e){let t=f(s);if(t.kind==="help")return e.out(g),0;if(t.kind==="usage-error")return e.err(`git-bob eval: ${t.message}
Run git-bob eval --help for usage.`),2;let n=w(e.cwd);if(!n)return e.err(x),1;let o=i(n,"node_modules",".bin","node"),a=y(p(o)?o:process.execPath,["--import",i(n,"bench","text-imports.ts"),i(n,"eval","run.ts"),...s],{cwd:e.cwd,stdio:"inherit"});return new Promise(l=>a.on("close",d=>l(d??1)))}r(T,"runEvalCommand");export{x as NOT_A_CLONE,w as findClone,T as runEvalCommand};
//# sourceMappingURL=eval-7RL4ZCPR.js.map
