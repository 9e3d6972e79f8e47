import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as t}from"./chunk-D4ZBGBT4.js";import{a as i}from"./chunk-IQVWDWET.js";var e=32;function u(n){let r=t(n)??(n.length>=10&&n[0]===71&&n[1]===73&&n[2]===70?{width:n[6]|n[7]<<8,height:n[8]|n[9]<<8}:null);return r!==null&&(r.width<e||r.height<e)}i(u,"isTinyPicture");export{e as a,u as b};
//# sourceMappingURL=chunk-T6OPHKT3.js.map
