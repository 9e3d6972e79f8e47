import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as u,d as v}from"./chunk-IQVWDWET.js";var w=v(N=>{"use strict";N.load=function(o,r,e={}){var t,n,i;for(t in r)i=r[t],e[t]=(n=o[t])!=null?n:i;return e};N.overwrite=function(o,r,e={}){var t,n;for(t in o)n=o[t],r[t]!==void 0&&(e[t]=n);return e}});var K=v((St,X)=>{"use strict";var J;J=class{static{u(this,"DLList")}constructor(r,e){this.incr=r,this.decr=e,this._first=null,this._last=null,this.length=0}push(r){var e;this.length++,typeof this.incr=="function"&&this.incr(),e={value:r,prev:this._last,next:null},this._last!=null?(this._last.next=e,this._last=e):this._first=this._last=e}shift(){var r;if(this._first!=null)return this.length--,typeof this.decr=="function"&&this.decr(),r=this._first.value,(this._first=this._first.next)!=null?this._first.prev=null:this._last=null,r}first(){if(this._first!=null)return this._first.value}getArray(){var r,e,t;for(r=this._first,t=[];r!=null;)t.push((e=r,r=r.next,e.value));return t}forEachShift(r){var e;for(e=this.shift();e!=null;)r(e),e=this.shift()}debug(){var r,e,t,n,i;for(r=this._first,i=[];r!=null;)i.push((e=r,r=r.next,{value:e.value,prev:(t=e.prev)!=null?t.value:void 0,next:(n=e.next)!=null?n.value:void 0}));return i}};X.exports=J});var I=v((Pt,re)=>{"use strict";function Z(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(Z,"asyncGeneratorStep");function ee(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){Z(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){Z(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(ee,"_asyncToGenerator");var te;te=class{static{u(this,"Events")}constructor(r){if(this.instance=r,this._events={},this.instance.on!=null||this.instance.once!=null||this.instance.removeAllListeners!=null)throw new Error("An Emitter already exists for this object");this.instance.on=(e,t)=>this._addListener(e,"many",t),this.instance.once=(e,t)=>this._addListener(e,"once",t),this.instance.removeAllListeners=(e=null)=>e!=null?delete this._events[e]:this._events={}}_addListener(r,e,t){var n;return(n=this._events)[r]==null&&(n[r]=[]),this._events[r].push({cb:t,status:e}),this.instance}listenerCount(r){return this._events[r]!=null?this._events[r].length:0}trigger(r,...e){var t=this;return ee(function*(){var n,i;try{return r!=="debug"&&t.trigger("debug",`Event triggered: ${r}`,e),t._events[r]==null?void 0:(t._events[r]=t._events[r].filter(function(s){return s.status!=="none"}),i=t._events[r].map((function(){var s=ee(function*(a){var l,c;if(a.status!=="none"){a.status==="once"&&(a.status="none");try{return c=typeof a.cb=="function"?a.cb(...e):void 0,typeof c?.then=="function"?yield c:c}catch(h){return l=h,t.trigger("error",l),null}}});return function(a){return s.apply(this,arguments)}})()),(yield Promise.all(i)).find(function(s){return s!=null}))}catch(s){return n=s,t.trigger("error",n),null}})()}};re.exports=te});var ae=v((Lt,oe)=>{"use strict";var ne,ie,se;ne=K();ie=I();se=class{static{u(this,"Queues")}constructor(r){var e;this.Events=new ie(this),this._length=0,this._lists=function(){var t,n,i;for(i=[],e=t=1,n=r;1<=n?t<=n:t>=n;e=1<=n?++t:--t)i.push(new ne(()=>this.incr(),()=>this.decr()));return i}.call(this)}incr(){if(this._length++===0)return this.Events.trigger("leftzero")}decr(){if(--this._length===0)return this.Events.trigger("zero")}push(r){return this._lists[r.options.priority].push(r)}queued(r){return r!=null?this._lists[r].length:this._length}shiftAll(r){return this._lists.forEach(function(e){return e.forEachShift(r)})}getFirst(r=this._lists){var e,t,n;for(e=0,t=r.length;e<t;e++)if(n=r[e],n.length>0)return n;return[]}shiftLastFrom(r){return this.getFirst(this._lists.slice(r).reverse()).shift()}};oe.exports=se});var T=v((Nt,ue)=>{"use strict";var le;le=class extends Error{static{u(this,"BottleneckError")}};ue.exports=le});var fe=v((Mt,ve)=>{"use strict";function ce(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(ce,"asyncGeneratorStep");function he(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){ce(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){ce(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(he,"_asyncToGenerator");var S,_e,de,z,pe;z=10;_e=5;pe=w();S=T();de=class{static{u(this,"Job")}constructor(r,e,t,n,i,s,a,l){this.task=r,this.args=e,this.rejectOnDrop=i,this.Events=s,this._states=a,this.Promise=l,this.options=pe.load(t,n),this.options.priority=this._sanitizePriority(this.options.priority),this.options.id===n.id&&(this.options.id=`${this.options.id}-${this._randomIndex()}`),this.promise=new this.Promise((c,h)=>{this._resolve=c,this._reject=h}),this.retryCount=0}_sanitizePriority(r){var e;return e=~~r!==r?_e:r,e<0?0:e>z-1?z-1:e}_randomIndex(){return Math.random().toString(36).slice(2)}doDrop({error:r,message:e="This job has been dropped by Bottleneck"}={}){return this._states.remove(this.options.id)?(this.rejectOnDrop&&this._reject(r??new S(e)),this.Events.trigger("dropped",{args:this.args,options:this.options,task:this.task,promise:this.promise}),!0):!1}_assertStatus(r){var e;if(e=this._states.jobStatus(this.options.id),!(e===r||r==="DONE"&&e===null))throw new S(`Invalid job status ${e}, expected ${r}. Please open an issue at https://github.com/SGrondin/bottleneck/issues`)}doReceive(){return this._states.start(this.options.id),this.Events.trigger("received",{args:this.args,options:this.options})}doQueue(r,e){return this._assertStatus("RECEIVED"),this._states.next(this.options.id),this.Events.trigger("queued",{args:this.args,options:this.options,reachedHWM:r,blocked:e})}doRun(){return this.retryCount===0?(this._assertStatus("QUEUED"),this._states.next(this.options.id)):this._assertStatus("EXECUTING"),this.Events.trigger("scheduled",{args:this.args,options:this.options})}doExecute(r,e,t,n){var i=this;return he(function*(){var s,a,l;i.retryCount===0?(i._assertStatus("RUNNING"),i._states.next(i.options.id)):i._assertStatus("EXECUTING"),a={args:i.args,options:i.options,retryCount:i.retryCount},i.Events.trigger("executing",a);try{if(l=yield r!=null?r.schedule(i.options,i.task,...i.args):i.task(...i.args),e())return i.doDone(a),yield n(i.options,a),i._assertStatus("DONE"),i._resolve(l)}catch(c){return s=c,i._onFailure(s,a,e,t,n)}})()}doExpire(r,e,t){var n,i;return this._states.jobStatus(this.options.id==="RUNNING")&&this._states.next(this.options.id),this._assertStatus("EXECUTING"),i={args:this.args,options:this.options,retryCount:this.retryCount},n=new S(`This job timed out after ${this.options.expiration} ms.`),this._onFailure(n,i,r,e,t)}_onFailure(r,e,t,n,i){var s=this;return he(function*(){var a,l;if(t())return a=yield s.Events.trigger("failed",r,e),a!=null?(l=~~a,s.Events.trigger("retry",`Retrying ${s.options.id} after ${l} ms`,e),s.retryCount++,n(l)):(s.doDone(e),yield i(s.options,e),s._assertStatus("DONE"),s._reject(r))})()}doDone(r){return this._assertStatus("EXECUTING"),this._states.next(this.options.id),this.Events.trigger("done",r)}};ve.exports=de});var ke=v((Vt,be)=>{"use strict";function ye(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(ye,"asyncGeneratorStep");function m(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){ye(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){ye(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(m,"_asyncToGenerator");var me,ge,M;M=w();me=T();ge=class{static{u(this,"LocalDatastore")}constructor(r,e,t){this.instance=r,this.storeOptions=e,this.clientId=this.instance._randomIndex(),M.load(t,t,this),this._nextRequest=this._lastReservoirRefresh=this._lastReservoirIncrease=Date.now(),this._running=0,this._done=0,this._unblockTime=0,this.ready=this.Promise.resolve(),this.clients={},this._startHeartbeat()}_startHeartbeat(){var r;return this.heartbeat==null&&(this.storeOptions.reservoirRefreshInterval!=null&&this.storeOptions.reservoirRefreshAmount!=null||this.storeOptions.reservoirIncreaseInterval!=null&&this.storeOptions.reservoirIncreaseAmount!=null)?typeof(r=this.heartbeat=setInterval(()=>{var e,t,n,i,s;if(i=Date.now(),this.storeOptions.reservoirRefreshInterval!=null&&i>=this._lastReservoirRefresh+this.storeOptions.reservoirRefreshInterval&&(this._lastReservoirRefresh=i,this.storeOptions.reservoir=this.storeOptions.reservoirRefreshAmount,this.instance._drainAll(this.computeCapacity())),this.storeOptions.reservoirIncreaseInterval!=null&&i>=this._lastReservoirIncrease+this.storeOptions.reservoirIncreaseInterval){var a=this.storeOptions;if(e=a.reservoirIncreaseAmount,n=a.reservoirIncreaseMaximum,s=a.reservoir,this._lastReservoirIncrease=i,t=n!=null?Math.min(e,n-s):e,t>0)return this.storeOptions.reservoir+=t,this.instance._drainAll(this.computeCapacity())}},this.heartbeatInterval)).unref=="function"?r.unref():void 0:clearInterval(this.heartbeat)}__publish__(r){var e=this;return m(function*(){return yield e.yieldLoop(),e.instance.Events.trigger("message",r.toString())})()}__disconnect__(r){var e=this;return m(function*(){return yield e.yieldLoop(),clearInterval(e.heartbeat),e.Promise.resolve()})()}yieldLoop(r=0){return new this.Promise(function(e,t){return setTimeout(e,r)})}computePenalty(){var r;return(r=this.storeOptions.penalty)!=null?r:15*this.storeOptions.minTime||5e3}__updateSettings__(r){var e=this;return m(function*(){return yield e.yieldLoop(),M.overwrite(r,r,e.storeOptions),e._startHeartbeat(),e.instance._drainAll(e.computeCapacity()),!0})()}__running__(){var r=this;return m(function*(){return yield r.yieldLoop(),r._running})()}__queued__(){var r=this;return m(function*(){return yield r.yieldLoop(),r.instance.queued()})()}__done__(){var r=this;return m(function*(){return yield r.yieldLoop(),r._done})()}__groupCheck__(r){var e=this;return m(function*(){return yield e.yieldLoop(),e._nextRequest+e.timeout<r})()}computeCapacity(){var r,e,t=this.storeOptions;return r=t.maxConcurrent,e=t.reservoir,r!=null&&e!=null?Math.min(r-this._running,e):r!=null?r-this._running:e??null}conditionsCheck(r){var e;return e=this.computeCapacity(),e==null||r<=e}__incrementReservoir__(r){var e=this;return m(function*(){var t;return yield e.yieldLoop(),t=e.storeOptions.reservoir+=r,e.instance._drainAll(e.computeCapacity()),t})()}__currentReservoir__(){var r=this;return m(function*(){return yield r.yieldLoop(),r.storeOptions.reservoir})()}isBlocked(r){return this._unblockTime>=r}check(r,e){return this.conditionsCheck(r)&&this._nextRequest-e<=0}__check__(r){var e=this;return m(function*(){var t;return yield e.yieldLoop(),t=Date.now(),e.check(r,t)})()}__register__(r,e,t){var n=this;return m(function*(){var i,s;return yield n.yieldLoop(),i=Date.now(),n.conditionsCheck(e)?(n._running+=e,n.storeOptions.reservoir!=null&&(n.storeOptions.reservoir-=e),s=Math.max(n._nextRequest-i,0),n._nextRequest=i+s+n.storeOptions.minTime,{success:!0,wait:s,reservoir:n.storeOptions.reservoir}):{success:!1}})()}strategyIsBlock(){return this.storeOptions.strategy===3}__submit__(r,e){var t=this;return m(function*(){var n,i,s;if(yield t.yieldLoop(),t.storeOptions.maxConcurrent!=null&&e>t.storeOptions.maxConcurrent)throw new me(`Impossible to add a job having a weight of ${e} to a limiter having a maxConcurrent setting of ${t.storeOptions.maxConcurrent}`);return i=Date.now(),s=t.storeOptions.highWater!=null&&r===t.storeOptions.highWater&&!t.check(e,i),n=t.strategyIsBlock()&&(s||t.isBlocked(i)),n&&(t._unblockTime=i+t.computePenalty(),t._nextRequest=t._unblockTime+t.storeOptions.minTime,t.instance._dropAllQueued()),{reachedHWM:s,blocked:n,strategy:t.storeOptions.strategy}})()}__free__(r,e){var t=this;return m(function*(){return yield t.yieldLoop(),t._running-=e,t._done+=e,t.instance._drainAll(t.computeCapacity()),{running:t._running}})()}};be.exports=ge});var we=v(($t,vt)=>{vt.exports={"blacklist_client.lua":`local blacklist = ARGV[num_static_argv + 1]

if redis.call('zscore', client_last_seen_key, blacklist) then
  redis.call('zadd', client_last_seen_key, 0, blacklist)
end


return {}
`,"check.lua":`local weight = tonumber(ARGV[num_static_argv + 1])

local capacity = process_tick(now, false)['capacity']
local nextRequest = tonumber(redis.call('hget', settings_key, 'nextRequest'))

return conditions_check(capacity, weight) and nextRequest - now <= 0
`,"conditions_check.lua":`local conditions_check = function (capacity, weight)
  return capacity == nil or weight <= capacity
end
`,"current_reservoir.lua":`return process_tick(now, false)['reservoir']
`,"done.lua":`process_tick(now, false)

return tonumber(redis.call('hget', settings_key, 'done'))
`,"free.lua":`local index = ARGV[num_static_argv + 1]

redis.call('zadd', job_expirations_key, 0, index)

return process_tick(now, false)['running']
`,"get_time.lua":`redis.replicate_commands()

local get_time = function ()
  local time = redis.call('time')

  return tonumber(time[1]..string.sub(time[2], 1, 3))
end
`,"group_check.lua":`return not (redis.call('exists', settings_key) == 1)
`,"heartbeat.lua":`process_tick(now, true)
`,"increment_reservoir.lua":`local incr = tonumber(ARGV[num_static_argv + 1])

redis.call('hincrby', settings_key, 'reservoir', incr)

local reservoir = process_tick(now, true)['reservoir']

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return reservoir
`,"init.lua":`local clear = tonumber(ARGV[num_static_argv + 1])
local limiter_version = ARGV[num_static_argv + 2]
local num_local_argv = num_static_argv + 2

if clear == 1 then
  redis.call('del', unpack(KEYS))
end

if redis.call('exists', settings_key) == 0 then
  -- Create
  local args = {'hmset', settings_key}

  for i = num_local_argv + 1, #ARGV do
    table.insert(args, ARGV[i])
  end

  redis.call(unpack(args))
  redis.call('hmset', settings_key,
    'nextRequest', now,
    'lastReservoirRefresh', now,
    'lastReservoirIncrease', now,
    'running', 0,
    'done', 0,
    'unblockTime', 0,
    'capacityPriorityCounter', 0
  )

else
  -- Apply migrations
  local settings = redis.call('hmget', settings_key,
    'id',
    'version'
  )
  local id = settings[1]
  local current_version = settings[2]

  if current_version ~= limiter_version then
    local version_digits = {}
    for k, v in string.gmatch(current_version, "([^.]+)") do
      table.insert(version_digits, tonumber(k))
    end

    -- 2.10.0
    if version_digits[2] < 10 then
      redis.call('hsetnx', settings_key, 'reservoirRefreshInterval', '')
      redis.call('hsetnx', settings_key, 'reservoirRefreshAmount', '')
      redis.call('hsetnx', settings_key, 'lastReservoirRefresh', '')
      redis.call('hsetnx', settings_key, 'done', 0)
      redis.call('hset', settings_key, 'version', '2.10.0')
    end

    -- 2.11.1
    if version_digits[2] < 11 or (version_digits[2] == 11 and version_digits[3] < 1) then
      if redis.call('hstrlen', settings_key, 'lastReservoirRefresh') == 0 then
        redis.call('hmset', settings_key,
          'lastReservoirRefresh', now,
          'version', '2.11.1'
        )
      end
    end

    -- 2.14.0
    if version_digits[2] < 14 then
      local old_running_key = 'b_'..id..'_running'
      local old_executing_key = 'b_'..id..'_executing'

      if redis.call('exists', old_running_key) == 1 then
        redis.call('rename', old_running_key, job_weights_key)
      end
      if redis.call('exists', old_executing_key) == 1 then
        redis.call('rename', old_executing_key, job_expirations_key)
      end
      redis.call('hset', settings_key, 'version', '2.14.0')
    end

    -- 2.15.2
    if version_digits[2] < 15 or (version_digits[2] == 15 and version_digits[3] < 2) then
      redis.call('hsetnx', settings_key, 'capacityPriorityCounter', 0)
      redis.call('hset', settings_key, 'version', '2.15.2')
    end

    -- 2.17.0
    if version_digits[2] < 17 then
      redis.call('hsetnx', settings_key, 'clientTimeout', 10000)
      redis.call('hset', settings_key, 'version', '2.17.0')
    end

    -- 2.18.0
    if version_digits[2] < 18 then
      redis.call('hsetnx', settings_key, 'reservoirIncreaseInterval', '')
      redis.call('hsetnx', settings_key, 'reservoirIncreaseAmount', '')
      redis.call('hsetnx', settings_key, 'reservoirIncreaseMaximum', '')
      redis.call('hsetnx', settings_key, 'lastReservoirIncrease', now)
      redis.call('hset', settings_key, 'version', '2.18.0')
    end

  end

  process_tick(now, false)
end

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return {}
`,"process_tick.lua":`local process_tick = function (now, always_publish)

  local compute_capacity = function (maxConcurrent, running, reservoir)
    if maxConcurrent ~= nil and reservoir ~= nil then
      return math.min((maxConcurrent - running), reservoir)
    elseif maxConcurrent ~= nil then
      return maxConcurrent - running
    elseif reservoir ~= nil then
      return reservoir
    else
      return nil
    end
  end

  local settings = redis.call('hmget', settings_key,
    'id',
    'maxConcurrent',
    'running',
    'reservoir',
    'reservoirRefreshInterval',
    'reservoirRefreshAmount',
    'lastReservoirRefresh',
    'reservoirIncreaseInterval',
    'reservoirIncreaseAmount',
    'reservoirIncreaseMaximum',
    'lastReservoirIncrease',
    'capacityPriorityCounter',
    'clientTimeout'
  )
  local id = settings[1]
  local maxConcurrent = tonumber(settings[2])
  local running = tonumber(settings[3])
  local reservoir = tonumber(settings[4])
  local reservoirRefreshInterval = tonumber(settings[5])
  local reservoirRefreshAmount = tonumber(settings[6])
  local lastReservoirRefresh = tonumber(settings[7])
  local reservoirIncreaseInterval = tonumber(settings[8])
  local reservoirIncreaseAmount = tonumber(settings[9])
  local reservoirIncreaseMaximum = tonumber(settings[10])
  local lastReservoirIncrease = tonumber(settings[11])
  local capacityPriorityCounter = tonumber(settings[12])
  local clientTimeout = tonumber(settings[13])

  local initial_capacity = compute_capacity(maxConcurrent, running, reservoir)

  --
  -- Process 'running' changes
  --
  local expired = redis.call('zrangebyscore', job_expirations_key, '-inf', '('..now)

  if #expired > 0 then
    redis.call('zremrangebyscore', job_expirations_key, '-inf', '('..now)

    local flush_batch = function (batch, acc)
      local weights = redis.call('hmget', job_weights_key, unpack(batch))
                      redis.call('hdel',  job_weights_key, unpack(batch))
      local clients = redis.call('hmget', job_clients_key, unpack(batch))
                      redis.call('hdel',  job_clients_key, unpack(batch))

      -- Calculate sum of removed weights
      for i = 1, #weights do
        acc['total'] = acc['total'] + (tonumber(weights[i]) or 0)
      end

      -- Calculate sum of removed weights by client
      local client_weights = {}
      for i = 1, #clients do
        local removed = tonumber(weights[i]) or 0
        if removed > 0 then
          acc['client_weights'][clients[i]] = (acc['client_weights'][clients[i]] or 0) + removed
        end
      end
    end

    local acc = {
      ['total'] = 0,
      ['client_weights'] = {}
    }
    local batch_size = 1000

    -- Compute changes to Zsets and apply changes to Hashes
    for i = 1, #expired, batch_size do
      local batch = {}
      for j = i, math.min(i + batch_size - 1, #expired) do
        table.insert(batch, expired[j])
      end

      flush_batch(batch, acc)
    end

    -- Apply changes to Zsets
    if acc['total'] > 0 then
      redis.call('hincrby', settings_key, 'done', acc['total'])
      running = tonumber(redis.call('hincrby', settings_key, 'running', -acc['total']))
    end

    for client, weight in pairs(acc['client_weights']) do
      redis.call('zincrby', client_running_key, -weight, client)
    end
  end

  --
  -- Process 'reservoir' changes
  --
  local reservoirRefreshActive = reservoirRefreshInterval ~= nil and reservoirRefreshAmount ~= nil
  if reservoirRefreshActive and now >= lastReservoirRefresh + reservoirRefreshInterval then
    reservoir = reservoirRefreshAmount
    redis.call('hmset', settings_key,
      'reservoir', reservoir,
      'lastReservoirRefresh', now
    )
  end

  local reservoirIncreaseActive = reservoirIncreaseInterval ~= nil and reservoirIncreaseAmount ~= nil
  if reservoirIncreaseActive and now >= lastReservoirIncrease + reservoirIncreaseInterval then
    local num_intervals = math.floor((now - lastReservoirIncrease) / reservoirIncreaseInterval)
    local incr = reservoirIncreaseAmount * num_intervals
    if reservoirIncreaseMaximum ~= nil then
      incr = math.min(incr, reservoirIncreaseMaximum - (reservoir or 0))
    end
    if incr > 0 then
      reservoir = (reservoir or 0) + incr
    end
    redis.call('hmset', settings_key,
      'reservoir', reservoir,
      'lastReservoirIncrease', lastReservoirIncrease + (num_intervals * reservoirIncreaseInterval)
    )
  end

  --
  -- Clear unresponsive clients
  --
  local unresponsive = redis.call('zrangebyscore', client_last_seen_key, '-inf', (now - clientTimeout))
  local unresponsive_lookup = {}
  local terminated_clients = {}
  for i = 1, #unresponsive do
    unresponsive_lookup[unresponsive[i]] = true
    if tonumber(redis.call('zscore', client_running_key, unresponsive[i])) == 0 then
      table.insert(terminated_clients, unresponsive[i])
    end
  end
  if #terminated_clients > 0 then
    redis.call('zrem', client_running_key,         unpack(terminated_clients))
    redis.call('hdel', client_num_queued_key,      unpack(terminated_clients))
    redis.call('zrem', client_last_registered_key, unpack(terminated_clients))
    redis.call('zrem', client_last_seen_key,       unpack(terminated_clients))
  end

  --
  -- Broadcast capacity changes
  --
  local final_capacity = compute_capacity(maxConcurrent, running, reservoir)

  if always_publish or (initial_capacity ~= nil and final_capacity == nil) then
    -- always_publish or was not unlimited, now unlimited
    redis.call('publish', 'b_'..id, 'capacity:'..(final_capacity or ''))

  elseif initial_capacity ~= nil and final_capacity ~= nil and final_capacity > initial_capacity then
    -- capacity was increased
    -- send the capacity message to the limiter having the lowest number of running jobs
    -- the tiebreaker is the limiter having not registered a job in the longest time

    local lowest_concurrency_value = nil
    local lowest_concurrency_clients = {}
    local lowest_concurrency_last_registered = {}
    local client_concurrencies = redis.call('zrange', client_running_key, 0, -1, 'withscores')

    for i = 1, #client_concurrencies, 2 do
      local client = client_concurrencies[i]
      local concurrency = tonumber(client_concurrencies[i+1])

      if (
        lowest_concurrency_value == nil or lowest_concurrency_value == concurrency
      ) and (
        not unresponsive_lookup[client]
      ) and (
        tonumber(redis.call('hget', client_num_queued_key, client)) > 0
      ) then
        lowest_concurrency_value = concurrency
        table.insert(lowest_concurrency_clients, client)
        local last_registered = tonumber(redis.call('zscore', client_last_registered_key, client))
        table.insert(lowest_concurrency_last_registered, last_registered)
      end
    end

    if #lowest_concurrency_clients > 0 then
      local position = 1
      local earliest = lowest_concurrency_last_registered[1]

      for i,v in ipairs(lowest_concurrency_last_registered) do
        if v < earliest then
          position = i
          earliest = v
        end
      end

      local next_client = lowest_concurrency_clients[position]
      redis.call('publish', 'b_'..id,
        'capacity-priority:'..(final_capacity or '')..
        ':'..next_client..
        ':'..capacityPriorityCounter
      )
      redis.call('hincrby', settings_key, 'capacityPriorityCounter', '1')
    else
      redis.call('publish', 'b_'..id, 'capacity:'..(final_capacity or ''))
    end
  end

  return {
    ['capacity'] = final_capacity,
    ['running'] = running,
    ['reservoir'] = reservoir
  }
end
`,"queued.lua":`local clientTimeout = tonumber(redis.call('hget', settings_key, 'clientTimeout'))
local valid_clients = redis.call('zrangebyscore', client_last_seen_key, (now - clientTimeout), 'inf')
local client_queued = redis.call('hmget', client_num_queued_key, unpack(valid_clients))

local sum = 0
for i = 1, #client_queued do
  sum = sum + tonumber(client_queued[i])
end

return sum
`,"refresh_expiration.lua":`local refresh_expiration = function (now, nextRequest, groupTimeout)

  if groupTimeout ~= nil then
    local ttl = (nextRequest + groupTimeout) - now

    for i = 1, #KEYS do
      redis.call('pexpire', KEYS[i], ttl)
    end
  end

end
`,"refs.lua":`local settings_key = KEYS[1]
local job_weights_key = KEYS[2]
local job_expirations_key = KEYS[3]
local job_clients_key = KEYS[4]
local client_running_key = KEYS[5]
local client_num_queued_key = KEYS[6]
local client_last_registered_key = KEYS[7]
local client_last_seen_key = KEYS[8]

local now = tonumber(ARGV[1])
local client = ARGV[2]

local num_static_argv = 2
`,"register.lua":`local index = ARGV[num_static_argv + 1]
local weight = tonumber(ARGV[num_static_argv + 2])
local expiration = tonumber(ARGV[num_static_argv + 3])

local state = process_tick(now, false)
local capacity = state['capacity']
local reservoir = state['reservoir']

local settings = redis.call('hmget', settings_key,
  'nextRequest',
  'minTime',
  'groupTimeout'
)
local nextRequest = tonumber(settings[1])
local minTime = tonumber(settings[2])
local groupTimeout = tonumber(settings[3])

if conditions_check(capacity, weight) then

  redis.call('hincrby', settings_key, 'running', weight)
  redis.call('hset', job_weights_key, index, weight)
  if expiration ~= nil then
    redis.call('zadd', job_expirations_key, now + expiration, index)
  end
  redis.call('hset', job_clients_key, index, client)
  redis.call('zincrby', client_running_key, weight, client)
  redis.call('hincrby', client_num_queued_key, client, -1)
  redis.call('zadd', client_last_registered_key, now, client)

  local wait = math.max(nextRequest - now, 0)
  local newNextRequest = now + wait + minTime

  if reservoir == nil then
    redis.call('hset', settings_key,
      'nextRequest', newNextRequest
    )
  else
    reservoir = reservoir - weight
    redis.call('hmset', settings_key,
      'reservoir', reservoir,
      'nextRequest', newNextRequest
    )
  end

  refresh_expiration(now, newNextRequest, groupTimeout)

  return {true, wait, reservoir}

else
  return {false}
end
`,"register_client.lua":`local queued = tonumber(ARGV[num_static_argv + 1])

-- Could have been re-registered concurrently
if not redis.call('zscore', client_last_seen_key, client) then
  redis.call('zadd', client_running_key, 0, client)
  redis.call('hset', client_num_queued_key, client, queued)
  redis.call('zadd', client_last_registered_key, 0, client)
end

redis.call('zadd', client_last_seen_key, now, client)

return {}
`,"running.lua":`return process_tick(now, false)['running']
`,"submit.lua":`local queueLength = tonumber(ARGV[num_static_argv + 1])
local weight = tonumber(ARGV[num_static_argv + 2])

local capacity = process_tick(now, false)['capacity']

local settings = redis.call('hmget', settings_key,
  'id',
  'maxConcurrent',
  'highWater',
  'nextRequest',
  'strategy',
  'unblockTime',
  'penalty',
  'minTime',
  'groupTimeout'
)
local id = settings[1]
local maxConcurrent = tonumber(settings[2])
local highWater = tonumber(settings[3])
local nextRequest = tonumber(settings[4])
local strategy = tonumber(settings[5])
local unblockTime = tonumber(settings[6])
local penalty = tonumber(settings[7])
local minTime = tonumber(settings[8])
local groupTimeout = tonumber(settings[9])

if maxConcurrent ~= nil and weight > maxConcurrent then
  return redis.error_reply('OVERWEIGHT:'..weight..':'..maxConcurrent)
end

local reachedHWM = (highWater ~= nil and queueLength == highWater
  and not (
    conditions_check(capacity, weight)
    and nextRequest - now <= 0
  )
)

local blocked = strategy == 3 and (reachedHWM or unblockTime >= now)

if blocked then
  local computedPenalty = penalty
  if computedPenalty == nil then
    if minTime == 0 then
      computedPenalty = 5000
    else
      computedPenalty = 15 * minTime
    end
  end

  local newNextRequest = now + computedPenalty + minTime

  redis.call('hmset', settings_key,
    'unblockTime', now + computedPenalty,
    'nextRequest', newNextRequest
  )

  local clients_queued_reset = redis.call('hkeys', client_num_queued_key)
  local queued_reset = {}
  for i = 1, #clients_queued_reset do
    table.insert(queued_reset, clients_queued_reset[i])
    table.insert(queued_reset, 0)
  end
  redis.call('hmset', client_num_queued_key, unpack(queued_reset))

  redis.call('publish', 'b_'..id, 'blocked:')

  refresh_expiration(now, newNextRequest, groupTimeout)
end

if not blocked and not reachedHWM then
  redis.call('hincrby', client_num_queued_key, client, 1)
end

return {reachedHWM, blocked, strategy}
`,"update_settings.lua":`local args = {'hmset', settings_key}

for i = num_static_argv + 1, #ARGV do
  table.insert(args, ARGV[i])
end

redis.call(unpack(args))

process_tick(now, true)

local groupTimeout = tonumber(redis.call('hget', settings_key, 'groupTimeout'))
refresh_expiration(0, 0, groupTimeout)

return {}
`,"validate_client.lua":`if not redis.call('zscore', client_last_seen_key, client) then
  return redis.error_reply('UNKNOWN_CLIENT')
end

redis.call('zadd', client_last_seen_key, now, client)
`,"validate_keys.lua":`if not (redis.call('exists', settings_key) == 1) then
  return redis.error_reply('SETTINGS_KEY_NOT_FOUND')
end
`}});var P=v(p=>{"use strict";var O,_,C;_=we();O={refs:_["refs.lua"],validate_keys:_["validate_keys.lua"],validate_client:_["validate_client.lua"],refresh_expiration:_["refresh_expiration.lua"],process_tick:_["process_tick.lua"],conditions_check:_["conditions_check.lua"],get_time:_["get_time.lua"]};p.allKeys=function(o){return[`b_${o}_settings`,`b_${o}_job_weights`,`b_${o}_job_expirations`,`b_${o}_job_clients`,`b_${o}_client_running`,`b_${o}_client_num_queued`,`b_${o}_client_last_registered`,`b_${o}_client_last_seen`]};C={init:{keys:p.allKeys,headers:["process_tick"],refresh_expiration:!0,code:_["init.lua"]},group_check:{keys:p.allKeys,headers:[],refresh_expiration:!1,code:_["group_check.lua"]},register_client:{keys:p.allKeys,headers:["validate_keys"],refresh_expiration:!1,code:_["register_client.lua"]},blacklist_client:{keys:p.allKeys,headers:["validate_keys","validate_client"],refresh_expiration:!1,code:_["blacklist_client.lua"]},heartbeat:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["heartbeat.lua"]},update_settings:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!0,code:_["update_settings.lua"]},running:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["running.lua"]},queued:{keys:p.allKeys,headers:["validate_keys","validate_client"],refresh_expiration:!1,code:_["queued.lua"]},done:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["done.lua"]},check:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick","conditions_check"],refresh_expiration:!1,code:_["check.lua"]},submit:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick","conditions_check"],refresh_expiration:!0,code:_["submit.lua"]},register:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick","conditions_check"],refresh_expiration:!0,code:_["register.lua"]},free:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!0,code:_["free.lua"]},current_reservoir:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!1,code:_["current_reservoir.lua"]},increment_reservoir:{keys:p.allKeys,headers:["validate_keys","validate_client","process_tick"],refresh_expiration:!0,code:_["increment_reservoir.lua"]}};p.names=Object.keys(C);p.keys=function(o,r){return C[o].keys(r)};p.payload=function(o){var r;return r=C[o],Array.prototype.concat(O.refs,r.headers.map(function(e){return O[e]}),r.refresh_expiration?O.refresh_expiration:"",r.code).join(`
`)}});var A=v((exports,module)=>{"use strict";function asyncGeneratorStep(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(asyncGeneratorStep,"asyncGeneratorStep");function _asyncToGenerator(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){asyncGeneratorStep(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){asyncGeneratorStep(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(_asyncToGenerator,"_asyncToGenerator");var Events,RedisConnection,Scripts,parser;parser=w();Events=I();Scripts=P();RedisConnection=function(){class RedisConnection{static{u(this,"RedisConnection")}constructor(options={}){parser.load(options,this.defaults,this),this.Redis==null&&(this.Redis=eval("require")("redis")),this.Events==null&&(this.Events=new Events(this)),this.terminated=!1,this.client==null&&(this.client=this.Redis.createClient(this.clientOptions)),this.subscriber=this.client.duplicate(),this.limiters={},this.shas={},this.ready=this.Promise.all([this._setup(this.client,!1),this._setup(this.subscriber,!0)]).then(()=>this._loadScripts()).then(()=>({client:this.client,subscriber:this.subscriber}))}_setup(o,r){return o.setMaxListeners(0),new this.Promise((e,t)=>(o.on("error",n=>this.Events.trigger("error",n)),r&&o.on("message",(n,i)=>{var s;return(s=this.limiters[n])!=null?s._store.onMessage(n,i):void 0}),o.ready?e():o.once("ready",e)))}_loadScript(o){return new this.Promise((r,e)=>{var t;return t=Scripts.payload(o),this.client.multi([["script","load",t]]).exec((n,i)=>n!=null?e(n):(this.shas[o]=i[0],r(i[0])))})}_loadScripts(){return this.Promise.all(Scripts.names.map(o=>this._loadScript(o)))}__runCommand__(o){var r=this;return _asyncToGenerator(function*(){return yield r.ready,new r.Promise((e,t)=>r.client.multi([o]).exec_atomic(function(n,i){return n!=null?t(n):e(i[0])}))})()}__addLimiter__(o){return this.Promise.all([o.channel(),o.channel_client()].map(r=>new this.Promise((e,t)=>{var n;return n=u(i=>{if(i===r)return this.subscriber.removeListener("subscribe",n),this.limiters[r]=o,e()},"handler"),this.subscriber.on("subscribe",n),this.subscriber.subscribe(r)})))}__removeLimiter__(o){var r=this;return this.Promise.all([o.channel(),o.channel_client()].map((function(){var e=_asyncToGenerator(function*(t){return r.terminated||(yield new r.Promise((n,i)=>r.subscriber.unsubscribe(t,function(s,a){if(s!=null)return i(s);if(a===t)return n()}))),delete r.limiters[t]});return function(t){return e.apply(this,arguments)}})()))}__scriptArgs__(o,r,e,t){var n;return n=Scripts.keys(o,r),[this.shas[o],n.length].concat(n,e,t)}__scriptFn__(o){return this.client.evalsha.bind(this.client)}disconnect(o=!0){var r,e,t,n;for(n=Object.keys(this.limiters),r=0,t=n.length;r<t;r++)e=n[r],clearInterval(this.limiters[e]._store.heartbeat);return this.limiters={},this.terminated=!0,this.client.end(o),this.subscriber.end(o),this.Promise.resolve()}}return RedisConnection.prototype.datastore="redis",RedisConnection.prototype.defaults={Redis:null,clientOptions:{},client:null,Promise,Events:null},RedisConnection}.call(void 0);module.exports=RedisConnection});var j=v((exports,module)=>{"use strict";function _slicedToArray(o,r){return _arrayWithHoles(o)||_iterableToArrayLimit(o,r)||_nonIterableRest()}u(_slicedToArray,"_slicedToArray");function _nonIterableRest(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}u(_nonIterableRest,"_nonIterableRest");function _iterableToArrayLimit(o,r){var e=[],t=!0,n=!1,i=void 0;try{for(var s=o[Symbol.iterator](),a;!(t=(a=s.next()).done)&&(e.push(a.value),!(r&&e.length===r));t=!0);}catch(l){n=!0,i=l}finally{try{!t&&s.return!=null&&s.return()}finally{if(n)throw i}}return e}u(_iterableToArrayLimit,"_iterableToArrayLimit");function _arrayWithHoles(o){if(Array.isArray(o))return o}u(_arrayWithHoles,"_arrayWithHoles");function asyncGeneratorStep(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(asyncGeneratorStep,"asyncGeneratorStep");function _asyncToGenerator(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){asyncGeneratorStep(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){asyncGeneratorStep(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(_asyncToGenerator,"_asyncToGenerator");var Events,IORedisConnection,Scripts,parser;parser=w();Events=I();Scripts=P();IORedisConnection=function(){class IORedisConnection{static{u(this,"IORedisConnection")}constructor(options={}){parser.load(options,this.defaults,this),this.Redis==null&&(this.Redis=eval("require")("ioredis")),this.Events==null&&(this.Events=new Events(this)),this.terminated=!1,this.clusterNodes!=null?(this.client=new this.Redis.Cluster(this.clusterNodes,this.clientOptions),this.subscriber=new this.Redis.Cluster(this.clusterNodes,this.clientOptions)):this.client!=null&&this.client.duplicate==null?this.subscriber=new this.Redis.Cluster(this.client.startupNodes,this.client.options):(this.client==null&&(this.client=new this.Redis(this.clientOptions)),this.subscriber=this.client.duplicate()),this.limiters={},this.ready=this.Promise.all([this._setup(this.client,!1),this._setup(this.subscriber,!0)]).then(()=>(this._loadScripts(),{client:this.client,subscriber:this.subscriber}))}_setup(o,r){return o.setMaxListeners(0),new this.Promise((e,t)=>(o.on("error",n=>this.Events.trigger("error",n)),r&&o.on("message",(n,i)=>{var s;return(s=this.limiters[n])!=null?s._store.onMessage(n,i):void 0}),o.status==="ready"?e():o.once("ready",e)))}_loadScripts(){return Scripts.names.forEach(o=>this.client.defineCommand(o,{lua:Scripts.payload(o)}))}__runCommand__(o){var r=this;return _asyncToGenerator(function*(){var e,t;yield r.ready;var n=yield r.client.pipeline([o]).exec(),i=_slicedToArray(n,1),s=_slicedToArray(i[0],2);return e=s[0],t=s[1],t})()}__addLimiter__(o){return this.Promise.all([o.channel(),o.channel_client()].map(r=>new this.Promise((e,t)=>this.subscriber.subscribe(r,()=>(this.limiters[r]=o,e())))))}__removeLimiter__(o){var r=this;return[o.channel(),o.channel_client()].forEach((function(){var e=_asyncToGenerator(function*(t){return r.terminated||(yield r.subscriber.unsubscribe(t)),delete r.limiters[t]});return function(t){return e.apply(this,arguments)}})())}__scriptArgs__(o,r,e,t){var n;return n=Scripts.keys(o,r),[n.length].concat(n,e,t)}__scriptFn__(o){return this.client[o].bind(this.client)}disconnect(o=!0){var r,e,t,n;for(n=Object.keys(this.limiters),r=0,t=n.length;r<t;r++)e=n[r],clearInterval(this.limiters[e]._store.heartbeat);return this.limiters={},this.terminated=!0,o?this.Promise.all([this.client.quit(),this.subscriber.quit()]):(this.client.disconnect(),this.subscriber.disconnect(),this.Promise.resolve())}}return IORedisConnection.prototype.datastore="ioredis",IORedisConnection.prototype.defaults={Redis:null,clientOptions:{},clusterNodes:null,client:null,Promise,Events:null},IORedisConnection}.call(void 0);module.exports=IORedisConnection});var Se=v((Jt,Te)=>{"use strict";function L(o,r){return mt(o)||yt(o,r)||ft()}u(L,"_slicedToArray");function ft(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}u(ft,"_nonIterableRest");function yt(o,r){var e=[],t=!0,n=!1,i=void 0;try{for(var s=o[Symbol.iterator](),a;!(t=(a=s.next()).done)&&(e.push(a.value),!(r&&e.length===r));t=!0);}catch(l){n=!0,i=l}finally{try{!t&&s.return!=null&&s.return()}finally{if(n)throw i}}return e}u(yt,"_iterableToArrayLimit");function mt(o){if(Array.isArray(o))return o}u(mt,"_arrayWithHoles");function xe(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(xe,"asyncGeneratorStep");function g(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){xe(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){xe(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(g,"_asyncToGenerator");var Re,Ee,Ie,qe,W;W=w();Re=T();Ie=A();Ee=j();qe=class{static{u(this,"RedisDatastore")}constructor(r,e,t){this.instance=r,this.storeOptions=e,this.originalId=this.instance.id,this.clientId=this.instance._randomIndex(),W.load(t,t,this),this.clients={},this.capacityPriorityCounters={},this.sharedConnection=this.connection!=null,this.connection==null&&(this.connection=this.instance.datastore==="redis"?new Ie({Redis:this.Redis,clientOptions:this.clientOptions,Promise:this.Promise,Events:this.instance.Events}):this.instance.datastore==="ioredis"?new Ee({Redis:this.Redis,clientOptions:this.clientOptions,clusterNodes:this.clusterNodes,Promise:this.Promise,Events:this.instance.Events}):void 0),this.instance.connection=this.connection,this.instance.datastore=this.connection.datastore,this.ready=this.connection.ready.then(n=>(this.clients=n,this.runScript("init",this.prepareInitSettings(this.clearDatastore)))).then(()=>this.connection.__addLimiter__(this.instance)).then(()=>this.runScript("register_client",[this.instance.queued()])).then(()=>{var n;return typeof(n=this.heartbeat=setInterval(()=>this.runScript("heartbeat",[]).catch(i=>this.instance.Events.trigger("error",i)),this.heartbeatInterval)).unref=="function"&&n.unref(),this.clients})}__publish__(r){var e=this;return g(function*(){var t,n=yield e.ready;return t=n.client,t.publish(e.instance.channel(),`message:${r.toString()}`)})()}onMessage(r,e){var t=this;return g(function*(){var n,i,s,a,l,c,h,d,f,y;try{h=e.indexOf(":");var x=[e.slice(0,h),e.slice(h+1)];if(y=x[0],s=x[1],y==="capacity")return yield t.instance._drainAll(s.length>0?~~s:void 0);if(y==="capacity-priority"){var q=s.split(":"),R=L(q,3);return f=R[0],d=R[1],i=R[2],n=f.length>0?~~f:void 0,d===t.clientId?(a=yield t.instance._drainAll(n),c=n!=null?n-(a||0):"",yield t.clients.client.publish(t.instance.channel(),`capacity-priority:${c}::${i}`)):d===""?(clearTimeout(t.capacityPriorityCounters[i]),delete t.capacityPriorityCounters[i],t.instance._drainAll(n)):t.capacityPriorityCounters[i]=setTimeout(g(function*(){var E;try{return delete t.capacityPriorityCounters[i],yield t.runScript("blacklist_client",[d]),yield t.instance._drainAll(n)}catch(k){return E=k,t.instance.Events.trigger("error",E)}}),1e3)}else{if(y==="message")return t.instance.Events.trigger("message",s);if(y==="blocked")return yield t.instance._dropAllQueued()}}catch(E){return l=E,t.instance.Events.trigger("error",l)}})()}__disconnect__(r){return clearInterval(this.heartbeat),this.sharedConnection?this.connection.__removeLimiter__(this.instance):this.connection.disconnect(r)}runScript(r,e){var t=this;return g(function*(){return r==="init"||r==="register_client"||(yield t.ready),new t.Promise((n,i)=>{var s,a;return s=[Date.now(),t.clientId].concat(e),t.instance.Events.trigger("debug",`Calling Redis script: ${r}.lua`,s),a=t.connection.__scriptArgs__(r,t.originalId,s,function(l,c){return l!=null?i(l):n(c)}),t.connection.__scriptFn__(r)(...a)}).catch(n=>n.message==="SETTINGS_KEY_NOT_FOUND"?r==="heartbeat"?t.Promise.resolve():t.runScript("init",t.prepareInitSettings(!1)).then(()=>t.runScript(r,e)):n.message==="UNKNOWN_CLIENT"?t.runScript("register_client",[t.instance.queued()]).then(()=>t.runScript(r,e)):t.Promise.reject(n))})()}prepareArray(r){var e,t,n,i;for(n=[],e=0,t=r.length;e<t;e++)i=r[e],n.push(i!=null?i.toString():"");return n}prepareObject(r){var e,t,n;e=[];for(t in r)n=r[t],e.push(t,n!=null?n.toString():"");return e}prepareInitSettings(r){var e;return e=this.prepareObject(Object.assign({},this.storeOptions,{id:this.originalId,version:this.instance.version,groupTimeout:this.timeout,clientTimeout:this.clientTimeout})),e.unshift(r?1:0,this.instance.version),e}convertBool(r){return!!r}__updateSettings__(r){var e=this;return g(function*(){return yield e.runScript("update_settings",e.prepareObject(r)),W.overwrite(r,r,e.storeOptions)})()}__running__(){return this.runScript("running",[])}__queued__(){return this.runScript("queued",[])}__done__(){return this.runScript("done",[])}__groupCheck__(){var r=this;return g(function*(){return r.convertBool(yield r.runScript("group_check",[]))})()}__incrementReservoir__(r){return this.runScript("increment_reservoir",[r])}__currentReservoir__(){return this.runScript("current_reservoir",[])}__check__(r){var e=this;return g(function*(){return e.convertBool(yield e.runScript("check",e.prepareArray([r])))})()}__register__(r,e,t){var n=this;return g(function*(){var i,s,a,l=yield n.runScript("register",n.prepareArray([r,e,t])),c=L(l,3);return s=c[0],a=c[1],i=c[2],{success:n.convertBool(s),wait:a,reservoir:i}})()}__submit__(r,e){var t=this;return g(function*(){var n,i,s,a,l,c;try{var h=yield t.runScript("submit",t.prepareArray([r,e])),d=L(h,3);return l=d[0],n=d[1],c=d[2],{reachedHWM:t.convertBool(l),blocked:t.convertBool(n),strategy:c}}catch(x){if(i=x,i.message.indexOf("OVERWEIGHT")===0){var f=i.message.split(":"),y=L(f,3);throw a=y[0],e=y[1],s=y[2],new Re(`Impossible to add a job having a weight of ${e} to a limiter having a maxConcurrent setting of ${s}`)}else throw i}})()}__free__(r,e){var t=this;return g(function*(){var n;return n=yield t.runScript("free",t.prepareArray([r])),{running:n}})()}};Te.exports=qe});var Ae=v((er,Pe)=>{"use strict";var Oe,Ce;Oe=T();Ce=class{static{u(this,"States")}constructor(r){this.status=r,this._jobs={},this.counts=this.status.map(function(){return 0})}next(r){var e,t;if(e=this._jobs[r],t=e+1,e!=null&&t<this.status.length)return this.counts[e]--,this.counts[t]++,this._jobs[r]++;if(e!=null)return this.counts[e]--,delete this._jobs[r]}start(r){var e;return e=0,this._jobs[r]=e,this.counts[e]++}remove(r){var e;return e=this._jobs[r],e!=null&&(this.counts[e]--,delete this._jobs[r]),e!=null}jobStatus(r){var e;return(e=this.status[this._jobs[r]])!=null?e:null}statusJobs(r){var e,t,n,i,s;if(r!=null){if(t=this.status.indexOf(r),t<0)throw new Oe(`status must be one of ${this.status.join(", ")}`);n=this._jobs,i=[];for(e in n)s=n[e],s===t&&i.push(e);return i}else return Object.keys(this._jobs)}statusCounts(){return this.counts.reduce((r,e,t)=>(r[this.status[t]]=e,r),{})}};Pe.exports=Ce});var Ke=v((nr,Ne)=>{"use strict";function je(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(je,"asyncGeneratorStep");function Le(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){je(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){je(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(Le,"_asyncToGenerator");var De,Ge;De=K();Ge=class{static{u(this,"Sync")}constructor(r,e){this.schedule=this.schedule.bind(this),this.name=r,this.Promise=e,this._running=0,this._queue=new De}isEmpty(){return this._queue.length===0}_tryToRun(){var r=this;return Le(function*(){var e,t,n,i,s,a,l;if(r._running<1&&r._queue.length>0){r._running++;var c=r._queue.shift();return l=c.task,e=c.args,s=c.resolve,i=c.reject,t=yield Le(function*(){try{return a=yield l(...e),function(){return s(a)}}catch(h){return n=h,function(){return i(n)}}})(),r._running--,r._tryToRun(),t()}})()}schedule(r,...e){var t,n,i;return i=n=null,t=new this.Promise(function(s,a){return i=s,n=a}),this._queue.push({task:r,args:e,resolve:i,reject:n}),this._tryToRun(),t}};Ne.exports=Ge});var ze=v((sr,gt)=>{gt.exports={version:"2.19.5"}});var He=v((or,Ue)=>{"use strict";function bt(o,r){return xt(o)||wt(o,r)||kt()}u(bt,"_slicedToArray");function kt(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}u(kt,"_nonIterableRest");function wt(o,r){var e=[],t=!0,n=!1,i=void 0;try{for(var s=o[Symbol.iterator](),a;!(t=(a=s.next()).done)&&(e.push(a.value),!(r&&e.length===r));t=!0);}catch(l){n=!0,i=l}finally{try{!t&&s.return!=null&&s.return()}finally{if(n)throw i}}return e}u(wt,"_iterableToArrayLimit");function xt(o){if(Array.isArray(o))return o}u(xt,"_arrayWithHoles");function Me(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(Me,"asyncGeneratorStep");function B(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){Me(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){Me(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(B,"_asyncToGenerator");var We,Be,Ve,Fe,$e,D;D=w();We=I();Fe=A();Ve=j();$e=P();Be=function(){class o{static{u(this,"Group")}constructor(e={}){this.deleteKey=this.deleteKey.bind(this),this.limiterOptions=e,D.load(this.limiterOptions,this.defaults,this),this.Events=new We(this),this.instances={},this.Bottleneck=V(),this._startAutoCleanup(),this.sharedConnection=this.connection!=null,this.connection==null&&(this.limiterOptions.datastore==="redis"?this.connection=new Fe(Object.assign({},this.limiterOptions,{Events:this.Events})):this.limiterOptions.datastore==="ioredis"&&(this.connection=new Ve(Object.assign({},this.limiterOptions,{Events:this.Events}))))}key(e=""){var t;return(t=this.instances[e])!=null?t:(()=>{var n;return n=this.instances[e]=new this.Bottleneck(Object.assign(this.limiterOptions,{id:`${this.id}-${e}`,timeout:this.timeout,connection:this.connection})),this.Events.trigger("created",n,e),n})()}deleteKey(e=""){var t=this;return B(function*(){var n,i;return i=t.instances[e],t.connection&&(n=yield t.connection.__runCommand__(["del",...$e.allKeys(`${t.id}-${e}`)])),i!=null&&(delete t.instances[e],yield i.disconnect()),i!=null||n>0})()}limiters(){var e,t,n,i;t=this.instances,n=[];for(e in t)i=t[e],n.push({key:e,limiter:i});return n}keys(){return Object.keys(this.instances)}clusterKeys(){var e=this;return B(function*(){var t,n,i,s,a,l,c,h,d;if(e.connection==null)return e.Promise.resolve(e.keys());for(l=[],t=null,d=`b_${e.id}-`.length,n=9;t!==0;){var f=yield e.connection.__runCommand__(["scan",t??0,"match",`b_${e.id}-*_settings`,"count",1e4]),y=bt(f,2);for(h=y[0],i=y[1],t=~~h,s=0,c=i.length;s<c;s++)a=i[s],l.push(a.slice(d,-n))}return l})()}_startAutoCleanup(){var e=this,t;return clearInterval(this.interval),typeof(t=this.interval=setInterval(B(function*(){var n,i,s,a,l,c;l=Date.now(),s=e.instances,a=[];for(i in s){c=s[i];try{(yield c._store.__groupCheck__(l))?a.push(e.deleteKey(i)):a.push(void 0)}catch(h){n=h,a.push(c.Events.trigger("error",n))}}return a}),this.timeout/2)).unref=="function"?t.unref():void 0}updateSettings(e={}){if(D.overwrite(e,this.defaults,this),D.overwrite(e,e,this.limiterOptions),e.timeout!=null)return this._startAutoCleanup()}disconnect(e=!0){var t;if(!this.sharedConnection)return(t=this.connection)!=null?t.disconnect(e):void 0}}return o.prototype.defaults={timeout:1e3*60*5,connection:null,Promise,id:"group-key"},o}.call(void 0);Ue.exports=Be});var Ze=v((lr,Xe)=>{"use strict";var Ye,Qe,Je;Je=w();Qe=I();Ye=function(){class o{static{u(this,"Batcher")}constructor(e={}){this.options=e,Je.load(this.options,this.defaults,this),this.Events=new Qe(this),this._arr=[],this._resetPromise(),this._lastFlush=Date.now()}_resetPromise(){return this._promise=new this.Promise((e,t)=>this._resolve=e)}_flush(){return clearTimeout(this._timeout),this._lastFlush=Date.now(),this._resolve(),this.Events.trigger("batch",this._arr),this._arr=[],this._resetPromise()}add(e){var t;return this._arr.push(e),t=this._promise,this._arr.length===this.maxSize?this._flush():this.maxTime!=null&&this._arr.length===1&&(this._timeout=setTimeout(()=>this._flush(),this.maxTime)),t}}return o.prototype.defaults={maxTime:null,maxSize:null,Promise},o}.call(void 0);Xe.exports=Ye});var V=v((cr,ht)=>{"use strict";function et(o,r){return it(o)||Rt(o,r)||nt()}u(et,"_slicedToArray");function Rt(o,r){var e=[],t=!0,n=!1,i=void 0;try{for(var s=o[Symbol.iterator](),a;!(t=(a=s.next()).done)&&(e.push(a.value),!(r&&e.length===r));t=!0);}catch(l){n=!0,i=l}finally{try{!t&&s.return!=null&&s.return()}finally{if(n)throw i}}return e}u(Rt,"_iterableToArrayLimit");function G(o){return it(o)||Et(o)||nt()}u(G,"_toArray");function nt(){throw new TypeError("Invalid attempt to destructure non-iterable instance")}u(nt,"_nonIterableRest");function Et(o){if(Symbol.iterator in Object(o)||Object.prototype.toString.call(o)==="[object Arguments]")return Array.from(o)}u(Et,"_iterableToArray");function it(o){if(Array.isArray(o))return o}u(it,"_arrayWithHoles");function tt(o,r,e,t,n,i,s){try{var a=o[i](s),l=a.value}catch(c){e(c);return}a.done?r(l):Promise.resolve(l).then(t,n)}u(tt,"asyncGeneratorStep");function F(o){return function(){var r=this,e=arguments;return new Promise(function(t,n){var i=o.apply(r,e);function s(l){tt(i,t,n,s,a,"next",l)}u(s,"_next");function a(l){tt(i,t,n,s,a,"throw",l)}u(a,"_throw"),s(void 0)})}}u(F,"_asyncToGenerator");var st,ot,$,U,at,H,lt,ut,ct,Y,b,rt=[].splice;H=10;ot=5;b=w();lt=ae();U=fe();at=ke();ut=Se();$=I();ct=Ae();Y=Ke();st=function(){class o{static{u(this,"Bottleneck")}constructor(e={},...t){var n,i;this._addToQueue=this._addToQueue.bind(this),this._validateOptions(e,t),b.load(e,this.instanceDefaults,this),this._queues=new lt(H),this._scheduled={},this._states=new ct(["RECEIVED","QUEUED","RUNNING","EXECUTING"].concat(this.trackDoneStatus?["DONE"]:[])),this._limiter=null,this.Events=new $(this),this._submitLock=new Y("submit",this.Promise),this._registerLock=new Y("register",this.Promise),i=b.load(e,this.storeDefaults,{}),this._store=function(){if(this.datastore==="redis"||this.datastore==="ioredis"||this.connection!=null)return n=b.load(e,this.redisStoreDefaults,{}),new ut(this,i,n);if(this.datastore==="local")return n=b.load(e,this.localStoreDefaults,{}),new at(this,i,n);throw new o.prototype.BottleneckError(`Invalid datastore type: ${this.datastore}`)}.call(this),this._queues.on("leftzero",()=>{var s;return(s=this._store.heartbeat)!=null&&typeof s.ref=="function"?s.ref():void 0}),this._queues.on("zero",()=>{var s;return(s=this._store.heartbeat)!=null&&typeof s.unref=="function"?s.unref():void 0})}_validateOptions(e,t){if(!(e!=null&&typeof e=="object"&&t.length===0))throw new o.prototype.BottleneckError("Bottleneck v2 takes a single object argument. Refer to https://github.com/SGrondin/bottleneck#upgrading-to-v2 if you're upgrading from Bottleneck v1.")}ready(){return this._store.ready}clients(){return this._store.clients}channel(){return`b_${this.id}`}channel_client(){return`b_${this.id}_${this._store.clientId}`}publish(e){return this._store.__publish__(e)}disconnect(e=!0){return this._store.__disconnect__(e)}chain(e){return this._limiter=e,this}queued(e){return this._queues.queued(e)}clusterQueued(){return this._store.__queued__()}empty(){return this.queued()===0&&this._submitLock.isEmpty()}running(){return this._store.__running__()}done(){return this._store.__done__()}jobStatus(e){return this._states.jobStatus(e)}jobs(e){return this._states.statusJobs(e)}counts(){return this._states.statusCounts()}_randomIndex(){return Math.random().toString(36).slice(2)}check(e=1){return this._store.__check__(e)}_clearGlobalState(e){return this._scheduled[e]!=null?(clearTimeout(this._scheduled[e].expiration),delete this._scheduled[e],!0):!1}_free(e,t,n,i){var s=this;return F(function*(){var a,l;try{var c=yield s._store.__free__(e,n.weight);if(l=c.running,s.Events.trigger("debug",`Freed ${n.id}`,i),l===0&&s.empty())return s.Events.trigger("idle")}catch(h){return a=h,s.Events.trigger("error",a)}})()}_run(e,t,n){var i,s,a;return t.doRun(),i=this._clearGlobalState.bind(this,e),a=this._run.bind(this,e,t),s=this._free.bind(this,e,t),this._scheduled[e]={timeout:setTimeout(()=>t.doExecute(this._limiter,i,a,s),n),expiration:t.options.expiration!=null?setTimeout(function(){return t.doExpire(i,a,s)},n+t.options.expiration):void 0,job:t}}_drainOne(e){return this._registerLock.schedule(()=>{var t,n,i,s,a;if(this.queued()===0)return this.Promise.resolve(null);a=this._queues.getFirst();var l=i=a.first();return s=l.options,t=l.args,e!=null&&s.weight>e?this.Promise.resolve(null):(this.Events.trigger("debug",`Draining ${s.id}`,{args:t,options:s}),n=this._randomIndex(),this._store.__register__(n,s.weight,s.expiration).then(({success:c,wait:h,reservoir:d})=>{var f;return this.Events.trigger("debug",`Drained ${s.id}`,{success:c,args:t,options:s}),c?(a.shift(),f=this.empty(),f&&this.Events.trigger("empty"),d===0&&this.Events.trigger("depleted",f),this._run(n,i,h),this.Promise.resolve(s.weight)):this.Promise.resolve(null)}))})}_drainAll(e,t=0){return this._drainOne(e).then(n=>{var i;return n!=null?(i=e!=null?e-n:e,this._drainAll(i,t+n)):this.Promise.resolve(t)}).catch(n=>this.Events.trigger("error",n))}_dropAllQueued(e){return this._queues.shiftAll(function(t){return t.doDrop({message:e})})}stop(e={}){var t,n;return e=b.load(e,this.stopDefaults),n=u(i=>{var s;return s=u(()=>{var a;return a=this._states.counts,a[0]+a[1]+a[2]+a[3]===i},"finished"),new this.Promise((a,l)=>s()?a():this.on("done",()=>{if(s())return this.removeAllListeners("done"),a()}))},"waitForExecuting"),t=e.dropWaitingJobs?(this._run=function(i,s){return s.doDrop({message:e.dropErrorMessage})},this._drainOne=()=>this.Promise.resolve(null),this._registerLock.schedule(()=>this._submitLock.schedule(()=>{var i,s,a;s=this._scheduled;for(i in s)a=s[i],this.jobStatus(a.job.options.id)==="RUNNING"&&(clearTimeout(a.timeout),clearTimeout(a.expiration),a.job.doDrop({message:e.dropErrorMessage}));return this._dropAllQueued(e.dropErrorMessage),n(0)}))):this.schedule({priority:H-1,weight:0},()=>n(1)),this._receive=function(i){return i._reject(new o.prototype.BottleneckError(e.enqueueErrorMessage))},this.stop=()=>this.Promise.reject(new o.prototype.BottleneckError("stop() has already been called")),t}_addToQueue(e){var t=this;return F(function*(){var n,i,s,a,l,c,h;n=e.args,a=e.options;try{var d=yield t._store.__submit__(t.queued(),a.weight);l=d.reachedHWM,i=d.blocked,h=d.strategy}catch(f){return s=f,t.Events.trigger("debug",`Could not queue ${a.id}`,{args:n,options:a,error:s}),e.doDrop({error:s}),!1}return i?(e.doDrop(),!0):l&&(c=h===o.prototype.strategy.LEAK?t._queues.shiftLastFrom(a.priority):h===o.prototype.strategy.OVERFLOW_PRIORITY?t._queues.shiftLastFrom(a.priority+1):h===o.prototype.strategy.OVERFLOW?e:void 0,c?.doDrop(),c==null||h===o.prototype.strategy.OVERFLOW)?(c==null&&e.doDrop(),l):(e.doQueue(l,i),t._queues.push(e),yield t._drainAll(),l)})()}_receive(e){return this._states.jobStatus(e.options.id)!=null?(e._reject(new o.prototype.BottleneckError(`A job with the same id already exists (id=${e.options.id})`)),!1):(e.doReceive(),this._submitLock.schedule(this._addToQueue,e))}submit(...e){var t,n,i,s,a,l,c;if(typeof e[0]=="function"){var h,d,f,y;a=e,h=a,d=G(h),n=d[0],e=d.slice(1),f=rt.call(e,-1),y=et(f,1),t=y[0],s=b.load({},this.jobDefaults)}else{var x,q,R,E;l=e,x=l,q=G(x),s=q[0],n=q[1],e=q.slice(2),R=rt.call(e,-1),E=et(R,1),t=E[0],s=b.load(s,this.jobDefaults)}return c=u((...k)=>new this.Promise(function(dt,pt){return n(...k,function(...Q){return(Q[0]!=null?pt:dt)(Q)})}),"task"),i=new U(c,e,s,this.jobDefaults,this.rejectOnDrop,this.Events,this._states,this.Promise),i.promise.then(function(k){return typeof t=="function"?t(...k):void 0}).catch(function(k){return Array.isArray(k)?typeof t=="function"?t(...k):void 0:typeof t=="function"?t(k):void 0}),this._receive(i)}schedule(...e){var t,n,i;if(typeof e[0]=="function"){var s=e,a=G(s);i=a[0],e=a.slice(1),n={}}else{var l=e,c=G(l);n=c[0],i=c[1],e=c.slice(2)}return t=new U(i,e,n,this.jobDefaults,this.rejectOnDrop,this.Events,this._states,this.Promise),this._receive(t),t.promise}wrap(e){var t,n;return t=this.schedule.bind(this),n=u(function(...s){return t(e.bind(this),...s)},"wrapped"),n.withOptions=function(i,...s){return t(i,e,...s)},n}updateSettings(e={}){var t=this;return F(function*(){return yield t._store.__updateSettings__(b.overwrite(e,t.storeDefaults)),b.overwrite(e,t.instanceDefaults,t),t})()}currentReservoir(){return this._store.__currentReservoir__()}incrementReservoir(e=0){return this._store.__incrementReservoir__(e)}}return o.default=o,o.Events=$,o.version=o.prototype.version=ze().version,o.strategy=o.prototype.strategy={LEAK:1,OVERFLOW:2,OVERFLOW_PRIORITY:4,BLOCK:3},o.BottleneckError=o.prototype.BottleneckError=T(),o.Group=o.prototype.Group=He(),o.RedisConnection=o.prototype.RedisConnection=A(),o.IORedisConnection=o.prototype.IORedisConnection=j(),o.Batcher=o.prototype.Batcher=Ze(),o.prototype.jobDefaults={priority:ot,weight:1,expiration:null,id:"<no-id>"},o.prototype.storeDefaults={maxConcurrent:null,minTime:0,highWater:null,strategy:o.prototype.strategy.LEAK,penalty:null,reservoir:null,reservoirRefreshInterval:null,reservoirRefreshAmount:null,reservoirIncreaseInterval:null,reservoirIncreaseAmount:null,reservoirIncreaseMaximum:null},o.prototype.localStoreDefaults={Promise,timeout:null,heartbeatInterval:250},o.prototype.redisStoreDefaults={Promise,timeout:null,heartbeatInterval:5e3,clientTimeout:1e4,Redis:null,clientOptions:{},clusterNodes:null,clearDatastore:!1,connection:null},o.prototype.instanceDefaults={datastore:"local",connection:null,id:"<no-id>",rejectOnDrop:!0,trackDoneStatus:!1,Promise},o.prototype.stopDefaults={enqueueErrorMessage:"This limiter has been stopped and cannot accept new jobs.",dropWaitingJobs:!0,dropErrorMessage:"This limiter has been stopped."},o}.call(void 0);ht.exports=st});var It=v((_r,_t)=>{_t.exports=V()});export default It();
//# sourceMappingURL=lib-UESXOME5.js.map
