// The box's mounts as an fstab, read back by util-linux's own reader (findmnt, libmount: what `mount --all` uses).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  boxMounts,
  DEVICES,
  fstab,
  fstabField,
  mountsBelow,
  type BoxMount
} from '../../../../src/adapters/sandbox/fstab.ts'

/** What libmount reads from the fstab text. */
function readBack(text: string): BoxMount[] {
  const file = join(mkdtempSync(join(tmpdir(), 'git-bob-fstab-')), 'fstab')
  writeFileSync(file, text)
  const out = execFileSync('findmnt', ['--fstab', '--tab-file', file, '--json', '-o', 'SOURCE,TARGET,FSTYPE,OPTIONS'], {
    encoding: 'utf8'
  })
  const parsed = JSON.parse(out) as {
    filesystems: { source: string; target: string; fstype: string; options: string }[]
  }
  return parsed.filesystems.map((f) => ({ source: f.source, target: f.target, type: f.fstype, options: f.options }))
}

describe('fstab', () => {
  it('writes a space, a tab, a newline and a backslash so that libmount reads each path back as it was', () => {
    const mounts: BoxMount[] = [
      {
        source: '/home/runner/my env',
        target: '/tmp/run x/root/home/runner/my env',
        type: 'none',
        options: 'rbind,ro'
      },
      { source: '/odd\tpath\\with\nall', target: '/r/odd\tpath\\with\nall', type: 'none', options: 'rbind,ro' },
      { source: 'proc', target: '/r/proc', type: 'proc', options: 'nosuid,nodev,noexec' }
    ]
    const text = fstab(mounts)
    expect(text.split('\n')).toHaveLength(4)
    expect(readBack(text)).toEqual(mounts)
    expect(fstabField('a b')).toBe('a\\040b')
  })

  it('lists the shown paths read-only first, then the box user, /proc, /dev/shm and the devices', () => {
    const mounts = boxMounts('/run/x/root', ['/usr', '/etc', '/opt/tools'])
    expect(mounts.slice(0, 3)).toEqual(
      ['/usr', '/etc', '/opt/tools'].map((path) => ({
        source: path,
        target: `/run/x/root${path}`,
        type: 'none',
        options: 'rbind,ro'
      }))
    )
    expect(mounts.map((m) => m.target).slice(3)).toEqual([
      '/run/x/root/etc/passwd',
      '/run/x/root/etc/group',
      '/run/x/root/proc',
      '/run/x/root/dev/shm',
      ...DEVICES.map((name) => `/run/x/root/dev/${name}`)
    ])
    expect(mounts.find((m) => m.type === 'proc')?.options).toBe('nosuid,nodev,noexec')
    expect(readBack(fstab(mounts))).toEqual(mounts)
  })

  it('finds the mounts below the shown folders, each once, a folder before what is below it, with escapes read', () => {
    const mountinfo = [
      '22 1 254:1 / / rw,relatime - ext4 /dev/vda rw',
      // Moved below a newer mount: the kernel lists it first.
      '29 30 0:39 / /opt/hostedtoolcache/my\\040env/cache rw - tmpfs t rw',
      '30 22 0:40 / /opt/hostedtoolcache rw - ext4 /dev/vdb rw',
      '31 30 0:41 / /opt/hostedtoolcache/my\\040env rw - tmpfs t rw',
      '32 22 0:42 / /optional rw - tmpfs t rw',
      '33 22 0:43 / /opt rw - tmpfs t rw',
      '34 22 0:44 / /home/runner/conda/pkgs rw - tmpfs t rw',
      '35 30 0:45 / /opt/hostedtoolcache rw - tmpfs t rw',
      ''
    ].join('\n')
    expect(mountsBelow(mountinfo, ['/usr', '/opt', '/home/runner/conda'])).toEqual([
      '/opt/hostedtoolcache',
      '/opt/hostedtoolcache/my env',
      '/opt/hostedtoolcache/my env/cache',
      '/home/runner/conda/pkgs'
    ])
  })

  it('binds the mounts below the shown folders read-only over themselves, after the folders, not recursively', () => {
    const mounts = boxMounts('/r', ['/usr'], ['/usr/local', '/usr/local/x'])
    expect(mounts.slice(0, 3)).toEqual([
      { source: '/usr', target: '/r/usr', type: 'none', options: 'rbind,ro' },
      { source: '/usr/local', target: '/r/usr/local', type: 'none', options: 'bind,ro' },
      { source: '/usr/local/x', target: '/r/usr/local/x', type: 'none', options: 'bind,ro' }
    ])
  })
})
