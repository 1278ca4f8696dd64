// Used when extension/src/index.ts does not exist yet: no Axone renderer.
export default [];
