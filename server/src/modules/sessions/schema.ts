import { z } from 'zod';
import { password } from '../users/schema.js';

export const signInBody = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
});

export const passwordResetBody = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254)
    .transform((v) => v.toLowerCase()),
});

export const passwordResetCompleteBody = z.strictObject({
  token: z.string().min(10).max(200),
  password,
});
