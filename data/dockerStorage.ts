// What Docker's `local` volume driver does with its options, as data: which options it takes, which mount types put
// a host disk or a host directory behind a volume, and which only reach storage elsewhere. The reader that applies
// them is adapters/shared/dockerShaped.ts (localDriverAccess). Data only: this folder imports nothing of the project
// outside data/.
//
// How the driver acts, from moby `volume/local/local.go` and `local_unix.go` (v25-v28): `driverOpts` `type`, `device`
// and `o` are handed to mount(2) as its file system type, source and data (`mount.Mount(device, path, type, o)`);
// any other key is refused ("invalid option key"), except `size`, which only tmpfs and quota-backed stores read. With
// `o` containing `bind` the device is a host path bind-mounted as is; a block device is mounted with its file system,
// so the volume is the host's disk; an overlay's `lowerdir`, `upperdir` and `workdir` in `o` are host directories the
// overlay reads from (lower) and writes into (upper, work).

/** Option keys the local driver accepts (moby volume/local/local_unix.go `validOpts`). */
export const LOCAL_DRIVER_OPTION_KEYS: ReadonlySet<string> = new Set(["type", "device", "o", "size"]);

export interface FileSystemTypes {
    /** Where the list comes from. */
    source: string;
    types: readonly string[];
}

/**
 * File system types whose `device` is a host block device (or an image file on the host): the volume is a host disk.
 * Source: the kernel's disk file systems (Documentation/filesystems/, `mount(8)` "FILESYSTEM-SPECIFIC MOUNT OPTIONS")
 * that Docker's local-driver documentation shows with a device (`--opt type=btrfs --opt device=/dev/sda2`,
 * docs.docker.com/reference/cli/docker/volume/create/ "Driver-specific options").
 */
export const BLOCK_FILE_SYSTEMS: FileSystemTypes = {
    source: "docs.docker.com/reference/cli/docker/volume/create/ (type=btrfs device=/dev/sda2); Linux mount(8) file system list",
    types: [
        "ext2",
        "ext3",
        "ext4",
        "xfs",
        "btrfs",
        "vfat",
        "exfat",
        "ntfs",
        "ntfs3",
        "f2fs",
        "jfs",
        "reiserfs",
        "iso9660",
        "udf",
        "squashfs",
        "erofs",
        "zfs",
    ],
};

/**
 * File system types that reach storage on another machine (`o=addr=…`) or in memory: no host path is exposed.
 * Source: docs.docker.com/reference/cli/docker/volume/create/ (type=tmpfs, type=nfs o=addr=…, type=cifs) and
 * docs.docker.com/engine/storage/volumes/ "Create CIFS/Samba volumes", "NFS".
 */
export const NON_HOST_FILE_SYSTEMS: FileSystemTypes = {
    source: "docs.docker.com/reference/cli/docker/volume/create/ (tmpfs, nfs); docs.docker.com/engine/storage/volumes/ (nfs, nfs4, cifs)",
    types: ["tmpfs", "nfs", "nfs4", "cifs", "smb3"],
};

/** The overlay file system's type name and its directory options (kernel Documentation/filesystems/overlayfs.rst). */
export const OVERLAY_FILE_SYSTEM = "overlay";
/** Overlay directory options and whether the overlay writes into them (upper and work) or only reads (lower). */
export const OVERLAY_DIRECTORY_OPTIONS: ReadonlyArray<{ key: string; writes: boolean }> = [
    { key: "lowerdir", writes: false },
    { key: "upperdir", writes: true },
    { key: "workdir", writes: true },
];
