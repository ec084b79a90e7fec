import type { Object3D } from 'three';

/** A plugin result recorded in userData: `{ plugin, props, version, metrics }`. */
export interface PluginResult {
  title: string;
  props: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * The plugin results stored on an object: userData itself when it has a `plugin` key, and any
 * userData entry that has one (several plugins can annotate one object, each under its own key).
 */
export function pluginResults(object: Object3D): PluginResult[] {
  const out: PluginResult[] = [];
  const visit = (record: Record<string, unknown>, key: string | null) => {
    if (typeof record.plugin !== 'string') return false;
    out.push({
      title: key && key !== record.plugin ? `${record.plugin} (${key})` : record.plugin,
      props: asRecord(record.props) ?? {},
      metrics: asRecord(record.metrics) ?? {},
    });
    return true;
  };
  if (!visit(object.userData, null)) {
    for (const [key, value] of Object.entries(object.userData)) {
      const record = asRecord(value);
      if (record) visit(record, key);
    }
  }
  return out;
}
