# git-bob's box: the first process of new mount, PID, IPC and UTS namespaces (and of a network namespace when the
# network is off), started as root through `unshare` by sandbox.ts. It builds a root of its own on a size-limited
# tmpfs from the skeleton git-bob laid out (the system read-only, the copy of the repository, a home and temporary
# folders), runs the command as the box's own user id, ends every process of the box, copies back what the command
# wrote, and says how it went in files of git-bob's private run folder. Its arguments come from git-bob; the
# command's environment is this script's own (sandbox.ts passes only the allow-list). Every external program costs
# a process start, so the script starts as few as it can.
set -u
RUN=$1 BOX_UID=$2 CALLER=${3%:*} CALLER_GID=${3#*:} DISK_KB=$4 MEM_BYTES=$5 NPROC=$6 CPU_SECONDS=$7 TIMEOUT=$8 NETWORK=$9
shift 9
MAX_BACK=$1 WORKDIR=$2 GIT_DIR_OF=$3
shift 3
BOX_PATH=${PATH:-/usr/local/bin:/usr/bin:/bin}
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
umask 022
R=$RUN/root
# The programs the command is started through, by their full paths (the box's PATH may not find them), looked up
# as `command -v` would, without a subshell each.
tool() {
  for dir in /usr/sbin /usr/bin /sbin /bin; do
    [ -x "$dir/$1" ] && found=$dir/$1 && return
  done
  found=$1
}
tool chroot && CHROOT=$found
tool setpriv && SETPRIV=$found
tool prlimit && PRLIMIT=$found
tool env && ENV=$found

fail() {
  echo "git-bob's box: $*" >&2
  exit 70
}

# The root: one tmpfs for the copy and everything the command may write, so the disk limit holds for all of it
# (sized once the copy is in); nodev, as /dev's devices are the host's own nodes, bound onto it.
mount -t tmpfs -o mode=0755,nosuid,nodev git-bob-box "$R" || fail 'no tmpfs could be mounted'
cp -R --preserve=mode,links "$RUN/skeleton/." "$R/" || fail 'the root could not be laid out'

# Every mount git-bob listed (fstab.ts), by one program: the system folders and the paths the workflow names
# read-only at the same place, the box user's name and home (git-bob wrote the files), /proc of this PID namespace
# only, /dev/shm on the box's tmpfs, and /dev's devices. Then /sys of this network namespace, read-only, where it
# can be had.
mount --all --fstab "$RUN/fstab" || fail 'the system folders, the paths the workflow shows, /proc or /dev could not be mounted'
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys" 2>/dev/null

# The copy of the repository: written from git's objects through git-bob's own index (what git tracks, with what
# git-bob wrote), by git run as git-bob's own user, straight onto the tmpfs; then made the box user's.
if [ -n "$GIT_DIR_OF" ]; then
  if [ "$CALLER" = 0 ]; then as_caller=; else as_caller="$SETPRIV --reuid=$CALLER --regid=$CALLER_GID --clear-groups"; fi
  chown "$CALLER" "$R/box/repo" &&
    GIT_INDEX_FILE="$RUN/index" $as_caller git --git-dir="$GIT_DIR_OF" --work-tree="$R/box/repo" \
      -c core.hooksPath=/dev/null -c core.fsmonitor=false checkout-index --all ||
    fail 'the copy of the repository could not be made'
fi
# What the box's tmpfs holds, in KB, into $used (df's answer read from a file: no subshell and pipe for it).
measure() {
  used=
  df -Pk "$R" >"$RUN/df" && { read -r _ && read -r _ _ used _; } <"$RUN/df"
}
measure || fail 'the copy could not be measured'
TOTAL_KB=$((used + DISK_KB + 256))
mount -o "remount,size=${TOTAL_KB}k" "$R" && chown -R "$BOX_UID:$BOX_UID" "$R/box/repo" "$R/box/home" ||
  fail 'the copy of the repository could not be made'
: >"$R/.box/start"

# Network off: this namespace has only a loopback interface, brought up so a Jupyter kernel can reach its client.
if [ "$NETWORK" = 0 ]; then
  ip link set lo up 2>/dev/null ||
    python3 -c 'import fcntl, socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, struct.pack("16sH", b"lo", 0)))[1]
fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 1))' 2>/dev/null ||
    fail 'the loopback interface could not be brought up (neither `ip` nor python3 is there)'
fi

# Memory and processes in a cgroup of the box's own (v2, or v1's memory and pids hierarchies); rlimits always.
CGROUPS=
cgroup_v2() {
  read -r controllers 2>/dev/null </sys/fs/cgroup/cgroup.subtree_control || return 1
  case " $controllers " in *" memory "*" pids "*) ;; *) return 1 ;; esac
  group=/sys/fs/cgroup/git-bob-box-$BOX_UID
  mkdir "$group" 2>/dev/null || return 1
  echo "$group" >>"$RUN/cgroups"
  { echo "$MEM_BYTES" >"$group/memory.max" && echo "$NPROC" >"$group/pids.max" && echo 0 >"$group/cgroup.procs"; } \
    2>/dev/null || return 1
  echo 0 2>/dev/null >"$group/memory.swap.max"
  CGROUPS="v2:$group"
}
cgroup_v1() {
  memory= pids=
  while IFS=: read -r _ names path; do
    case ",$names," in *,memory,*) memory=${path%/} ;; esac
    case ",$names," in *,pids,*) pids=${path%/} ;; esac
  done </proc/self/cgroup
  mgroup=/sys/fs/cgroup/memory$memory/git-bob-box-$BOX_UID
  pgroup=/sys/fs/cgroup/pids$pids/git-bob-box-$BOX_UID
  [ -d "${mgroup%/*}" ] && [ -d "${pgroup%/*}" ] && mkdir "$mgroup" "$pgroup" 2>/dev/null || return 1
  printf '%s\n' "$mgroup" "$pgroup" >>"$RUN/cgroups"
  { echo "$MEM_BYTES" >"$mgroup/memory.limit_in_bytes" && echo "$NPROC" >"$pgroup/pids.max" &&
    echo 0 >"$mgroup/cgroup.procs" && echo 0 >"$pgroup/cgroup.procs"; } 2>/dev/null || return 1
  echo "$MEM_BYTES" 2>/dev/null >"$mgroup/memory.memsw.limit_in_bytes"
  CGROUPS="v1:$mgroup:$pgroup"
}
cgroup_v2 || cgroup_v1
# Without a memory cgroup, the address space is the floor (it counts what is reserved, not what is used). With a
# pids cgroup, the process rlimit stays above its limit, so that the cgroup, which says so, refuses first.
if [ -n "$CGROUPS" ]; then as=unlimited nproc=$((NPROC * 2)); else as=$MEM_BYTES nproc=$NPROC; fi

# A change the command makes must have a later change time than the marker, whatever the clock's resolution.
: >"$R/.box/ready"
ticks=0
until [ -n "$(find "$R/.box/ready" -newer "$R/.box/start")" ] || [ $ticks -ge 50 ]; do
  sleep 0.002
  : >"$R/.box/ready"
  ticks=$((ticks + 1))
done

# The time limit: a watchdog of the box's own, which the box's user can neither see through nor signal.
(
  sleep "$TIMEOUT"
  : >"$RUN/timed-out"
  kill -KILL -1
) &
watchdog=$!
read -r began _ </proc/uptime
PATH=$BOX_PATH "$CHROOT" "$R" "$SETPRIV" --reuid="$BOX_UID" --regid="$BOX_UID" --clear-groups --no-new-privs \
  --inh-caps=-all --bounding-set=-all -- \
  "$PRLIMIT" --nproc="$nproc" --cpu="$CPU_SECONDS:$((CPU_SECONDS + 5))" --fsize="$((DISK_KB * 1024))" --as="$as" --core=0 -- \
  "$ENV" -C "/box/repo/$WORKDIR" -- "$@" </dev/null 1>&2 &
wait $!
code=$?
read -r ended _ </proc/uptime
kill -KILL "$watchdog" 2>/dev/null

# Every process of the box ends here. This one is PID 1, so the kernel would end the rest when it exits, but the
# copy back must not begin while any of them could still write.
alive() {
  for stat in "$R"/proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    case $line in "1 "*) continue ;; esac
    case ${line##*) } in Z*) ;; *) return 0 ;; esac
  done
  return 1
}
rounds=0
kill -KILL -1 2>/dev/null
while alive && [ $rounds -lt 200 ]; do
  kill -KILL -1 2>/dev/null
  sleep 0.01
  rounds=$((rounds + 1))
done

# Which limit a failed command hit, if any.
limit=
if [ $code -ne 0 ]; then
  case $CGROUPS in
  v2:*)
    group=${CGROUPS#v2:}
    grep -q '^oom_kill [1-9]' "$group/memory.events" 2>/dev/null && limit=memory
    grep -q '^max [1-9]' "$group/pids.events" 2>/dev/null && limit=${limit:-processes}
    ;;
  v1:*)
    rest=${CGROUPS#v1:}
    mgroup=${rest%%:*} pgroup=${rest#*:}
    grep -q '^oom_kill [1-9]' "$mgroup/memory.oom_control" 2>/dev/null && limit=memory
    grep -q '^max [1-9]' "$pgroup/pids.events" 2>/dev/null && limit=${limit:-processes}
    ;;
  esac
  measure
  [ -n "$used" ] && [ "$used" -ge $((TOTAL_KB - TOTAL_KB / 100 - 64)) ] && limit=${limit:-disk}
  # SIGXCPU and SIGXFSZ: the CPU time and the file size rlimits.
  [ $code -eq 152 ] && limit=${limit:-cpu}
  [ $code -eq 153 ] && limit=${limit:-disk}
fi

# What the command created or changed: regular files of one link, up to the size git-bob takes; the rest named.
if [ "$MAX_BACK" -gt 0 ] && [ $code -eq 0 ] && [ ! -e "$RUN/timed-out" ]; then
  mkdir "$RUN/back" && cd "$R/box/repo" &&
    find . -xdev -cnewer "$R/.box/start" ! -type d \( -type f -links 1 -size "-$((MAX_BACK + 1))c" \
      -exec cp -P --parents --no-preserve=all -t "$RUN/back" -- {} + -o -printf '%y %s %n %P\0' \) \
      >"$RUN/refused" && cd / && { [ "$CALLER" = 0 ] || chown -R "$CALLER" "$RUN/back" "$RUN/refused"; } ||
    fail 'what the command wrote could not be copied back'
fi
# How long the command ran, in hundredths of a second (/proc/uptime's resolution): the rest is the box's own cost.
ran=$((${ended%.*}${ended#*.} - ${began%.*}${began#*.}))
printf 'code=%s\nlimit=%s\ncgroups=%s\nran=%s\n' "$code" "$limit" "${CGROUPS%%:*}" "$ran" >"$RUN/status" &&
  { [ "$CALLER" = 0 ] || chown "$CALLER" "$RUN/status"; }
exit 0
