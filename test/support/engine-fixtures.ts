import { parseConfig } from '../../src/shared/config/parse.ts';
import { settingsFromConfig } from '../../src/main/config/settings.ts';
import type { EngineSettings } from '../../src/main/engine/settings.ts';

/** Engine settings from a YAML config text (the defaults for an empty text). */
export function settingsFrom(yaml = ''): EngineSettings {
  const parsed = parseConfig(yaml);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return settingsFromConfig(parsed.config);
}
