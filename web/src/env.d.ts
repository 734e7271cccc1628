/** Vite's client types (CSS imports). */
/// <reference types="vite/client" />
