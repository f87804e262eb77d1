import { z } from 'zod';
import { jobParams } from '../queues/schema';

export const searchQuery = z.object({ id: jobParams.shape.id });
