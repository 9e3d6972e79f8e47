// The skeleton of a box's root, laid out by git-bob in its private run folder for box.sh to copy onto the box's
// tmpfs in one go: the mount points of the system folders (or their links, where /bin is a link to /usr/bin),
// home and temporary folders with their modes, /dev's links, and the name service files that give the box's user
// id a name and a home. Written here, not in the script, because each program the script starts costs time.
import { chmod, copyFile, lstat, mkdir, readFile, readlink, realpath, symlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

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
 * Lays out the skeleton in `dir` for a box whose user id is `uid`; returns the paths box.sh shows read-only: the
 * system folders that are folders here, then `visible`.
 */
export async function layOutSkeleton(dir: string, uid: number, visible: readonly string[]): Promise<string[]> {
  for (const [path, mode] of FOLDERS) {
    await mkdir(join(dir, path), { recursive: true })
    await chmod(join(dir, path), mode)
  }
  for (const [path, target] of LINKS) await symlink(target, join(dir, path))
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
  return [...shown, ...visible.filter((path) => path.startsWith('/') && !SYSTEM.some((s) => path === s))]
}
