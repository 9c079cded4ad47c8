/** Settings sections of the channels area (see pages/admin/sections.ts). */
export const zhCN = {};

export const en: typeof zhCN = {};
