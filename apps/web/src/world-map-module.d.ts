/** The URL of the world map projected at build time (see the migov-world-map plugin in vite.config.ts). */
declare module 'virtual:migov-world-map' {
  const url: string;
  export default url;
}
