// The box's mounts as one fstab, written by git-bob into its private run folder, so that box.sh makes them all with
// one `mount --all --fstab` instead of a program start per mount. Pure: the lines and their escaping.

/** One mount: what is mounted (a path, or a file system's name such as "proc"), where, its type and options. */
export interface BoxMount {
  source: string
  target: string
  type: string
  options: string
}

/** /dev's devices in the box: the host's own nodes, each bound onto an empty file of the skeleton. */
export const DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'] as const

/**
 * A field as fstab(5) writes it: libmount reads \040, \011, \012 and \134 back as a space, a tab, a newline and a
 * backslash, so a path holding any of them stays one field.
 */
export function fstabField(text: string): string {
  return text.replace(/[\\ \t\n]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)
}

/**
 * The mounts of a box whose root is `root`, in the order they are made: the `shown` paths read-only at their own
 * place (with what is mounted below them), then each of `below` (mounts below those) read-only over itself, the box
 * user's name, /proc of the box's PID namespace, /dev/shm on the box's own disk, and /dev's devices.
 */
export function boxMounts(root: string, shown: readonly string[], below: readonly string[] = []): BoxMount[] {
  return [
    ...shown.map((path) => ({ source: path, target: root + path, type: 'none', options: 'rbind,ro' })),
    ...below.map((path) => ({ source: path, target: root + path, type: 'none', options: 'bind,ro' })),
    { source: `${root}/.box/passwd`, target: `${root}/etc/passwd`, type: 'none', options: 'bind,ro' },
    { source: `${root}/.box/group`, target: `${root}/etc/group`, type: 'none', options: 'bind,ro' },
    { source: 'proc', target: `${root}/proc`, type: 'proc', options: 'nosuid,nodev,noexec' },
    { source: `${root}/box/shm`, target: `${root}/dev/shm`, type: 'none', options: 'bind' },
    ...DEVICES.map((name) => ({ source: `/dev/${name}`, target: `${root}/dev/${name}`, type: 'none', options: 'bind' }))
  ]
}

/**
 * The mount points of `mountinfo` (the kernel's /proc/self/mountinfo) that lie below one of `shown`, each once, a
 * folder before what lies below it (the kernel lists mounts by age, which a moved mount does not follow). A read-only
 * bind makes only its top mount read-only: what is mounted below a shown folder (a tool cache on a volume of its own)
 * is bound read-only over itself as well, in this order, so that no later bind brings a writable one back on top.
 */
export function mountsBelow(mountinfo: string, shown: readonly string[]): string[] {
  const below = new Set<string>()
  for (const line of mountinfo.split('\n')) {
    const field = line.split(' ')[4]
    if (!field) continue
    // The kernel writes a space, a tab, a newline and a backslash of a path as octal escapes.
    const point = field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
    if (shown.some((path) => point.startsWith(`${path}/`))) below.add(point)
  }
  const depth = (path: string): number => path.split('/').length
  return [...below].sort((a, b) => depth(a) - depth(b))
}

/** The mounts as an fstab, one line each. */
export function fstab(mounts: readonly BoxMount[]): string {
  return mounts
    .map((m) => `${fstabField(m.source)} ${fstabField(m.target)} ${m.type} ${fstabField(m.options)} 0 0\n`)
    .join('')
}
