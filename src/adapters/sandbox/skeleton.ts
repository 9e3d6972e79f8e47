// The skeleton of a box's root, laid out by git-bob in its private run folder for box.sh to copy onto the box's
// tmpfs in one go: the mount points of the system folders (or their links, where /bin is a link to /usr/bin) and
// of the paths the workflow shows, home and temporary folders with their modes, /dev's links and the files its
// devices are bound onto, and the name service files that give the box's user id a name and a home. Written here,
// not in the script, because each program the script starts costs time.
import { chmod, copyFile, lstat, mkdir, readFile, readlink, realpath, stat, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { DEVICES, mountsBelow } from './fstab.ts'

/** The system folders a box shows read-only at their own place. Nothing else of the host is seen. */
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt']

const FOLDERS: readonly [string, number][] = [
  ['box', 0o755],
  ['box/repo', 0o755],
  ['box/home', 0o700],
  ['box/shm', 0o1777],
  ['.box', 0o755],
  ['tmp', 0o1777],
  ['var', 0o755],
  ['var/tmp', 0o1777],
  ['run', 0o755],
  ['proc', 0o555],
  ['sys', 0o555],
  ['dev', 0o755],
  ['dev/shm', 0o755],
  ['dev/pts', 0o755]
]

const LINKS: readonly [string, string][] = [
  ['var/run', '../run'],
  ['dev/fd', '/proc/self/fd'],
  ['dev/stdin', '/proc/self/fd/0'],
  ['dev/stdout', '/proc/self/fd/1'],
  ['dev/stderr', '/proc/self/fd/2'],
  ['dev/ptmx', 'pts/ptmx']
]

/**
 * Makes `path`'s parent folders in the skeleton, through real folders of the skeleton only: never through one of its
 * links (/dev/fd points into the host's /proc). Where `path` itself is, or null where it cannot be made.
 */
async function parentsOf(dir: string, path: string): Promise<string | null> {
  const parts = path.split('/').filter(Boolean)
  if (parts.length === 0) return null
  let at = dir
  for (const part of parts.slice(0, -1)) {
    at = join(at, part)
    const info = await lstat(at).catch(() => null)
    if (!info) await mkdir(at)
    else if (info.isSymbolicLink() || !info.isDirectory()) return null
  }
  return join(at, parts.at(-1)!)
}

/** A mount point in the skeleton for the host's `path`, a folder or a file like it; false where none is made. */
async function mountPoint(dir: string, path: string, folder: boolean): Promise<boolean> {
  const at = await parentsOf(dir, path)
  if (!at) return false
  const info = await lstat(at).catch(() => null)
  if (info) return !info.isSymbolicLink() && info.isDirectory() === folder
  if (folder) await mkdir(at)
  else await writeFile(at, '', { flag: 'wx' })
  return true
}

/** A link at the named `path` to where it really is, where the skeleton has nothing there yet. */
async function linkAt(dir: string, path: string, real: string): Promise<void> {
  const at = await parentsOf(dir, path)
  if (at && !(await lstat(at).catch(() => null))) await symlink(real, at)
}

/** Whether the host's `path` lies in (or is) one of `folders`. */
const within = (path: string, folders: readonly string[]): boolean =>
  folders.some((folder) => path === folder || path.startsWith(`${folder}/`))

/** Folders whose content the box makes its own: a path the workflow names there is not shown. */
const THE_BOX_OWN = ['/box', '/.box', '/proc', '/sys', '/dev']

/** What box.sh shows read-only: folders with what is mounted below them, then each mount below, over itself. */
export interface Shown {
  shown: string[]
  below: string[]
}

/**
 * Lays out the skeleton in `dir` for a box whose user id is `uid`; returns what box.sh shows read-only, each at its
 * own place: the system folders that are folders here; those of `visible` that git-bob's user can see here, at their
 * real place (with a link at the named place where that is elsewhere), unless they lie in a system folder (shown
 * with it) or in one the box makes its own; then every mount below these that can be reached, so that all of it
 * is read-only.
 */
export async function layOutSkeleton(dir: string, uid: number, visible: readonly string[]): Promise<Shown> {
  for (const [path, mode] of FOLDERS) {
    await mkdir(join(dir, path), { recursive: true })
    await chmod(join(dir, path), mode)
  }
  for (const [path, target] of LINKS) await symlink(target, join(dir, path))
  for (const name of DEVICES) await writeFile(join(dir, 'dev', name), '')
  const shown: string[] = []
  for (const path of SYSTEM) {
    const info = await lstat(path).catch(() => null)
    if (!info) continue
    if (info.isSymbolicLink()) await symlink(await readlink(path), join(dir, path))
    else if (info.isDirectory()) {
      await mkdir(join(dir, path))
      shown.push(path)
    }
  }
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '')
  const group = await readFile('/etc/group', 'utf8').catch(() => '')
  const line = (text: string): string => (text && !text.endsWith('\n') ? `${text}\n` : text)
  await writeFile(
    join(dir, '.box/passwd'),
    `${line(passwd)}git-bob-box:x:${uid}:${uid}:git-bob's box:/box/home:/bin/sh\n`
  )
  await writeFile(join(dir, '.box/group'), `${line(group)}git-bob-box:x:${uid}:\n`)
  // DNS: where /etc/resolv.conf is a link into /run (systemd-resolved), the box gets a copy of what it points to.
  const resolv = await realpath('/etc/resolv.conf').catch(() => null)
  if (resolv?.startsWith('/run/')) {
    await mkdir(dirname(join(dir, resolv)), { recursive: true })
    await copyFile(resolv, join(dir, resolv)).catch(() => undefined)
  }
  for (const path of visible) {
    if (!path.startsWith('/') || within(path, THE_BOX_OWN)) continue
    const real = await realpath(path).catch(() => null)
    if (!real || within(real, THE_BOX_OWN)) continue
    if (!within(real, SYSTEM) && !shown.includes(real)) {
      const info = await stat(real).catch(() => null)
      if (!info || !(info.isDirectory() || info.isFile()) || !(await mountPoint(dir, real, info.isDirectory())))
        continue
      shown.push(real)
    }
    if (real !== path) await linkAt(dir, path, real)
  }
  // A mount that another covers (mounted over it, or over a folder above it) cannot be reached, nor bound.
  const mountinfo = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '')
  const below: string[] = []
  for (const path of mountsBelow(mountinfo, shown)) if (await lstat(path).catch(() => null)) below.push(path)
  return { shown, below }
}
