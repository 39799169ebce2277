// The plugin is being built; see the issue for this platform.
export {};
