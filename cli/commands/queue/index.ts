import { clear } from './clear';
import { failed } from './failed';
import { forget } from './forget';
import { monitor } from './monitor';
import { pause, resume } from './pause';
import { retry } from './retry';
import { size } from './size';

/** The `lookout queue:*` commands, modelled on Laravel's artisan queue commands; all act on REDIS_URL. */
export const QUEUE_COMMANDS = {
  'queue:size': size,
  'queue:failed': failed,
  'queue:retry': retry,
  'queue:forget': forget,
  'queue:clear': clear,
  'queue:pause': pause,
  'queue:resume': resume,
  'queue:monitor': monitor,
};
