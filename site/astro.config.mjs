import { defineConfig } from "astro/config";

export default defineConfig({
  output: "static",
  outDir: "./dist",
  build: {
    format: "directory",
    // External files only: the Content-Security-Policy allows no inline scripts or styles.
    inlineStylesheets: "never",
  },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  prefetch: false,
});
