// Finds the route for a method and path: `:name` segments match one decoded segment (a decoded
// '/' or NUL never matches, so a parameter cannot become a path).
import type { DashboardRoute } from './dashboard-types.ts';

export interface RouteMatch {
  route: DashboardRoute;
  params: Record<string, string>;
}

/** The matching route (HEAD is served by GET routes), or undefined; 'method' when only the method is wrong. */
export function matchRoute(routes: readonly DashboardRoute[], method: string, pathname: string): RouteMatch | 'method' | undefined {
  const segments = pathname.split('/').slice(1);
  let wrongMethod = false;
  for (const route of routes) {
    const params = matchPath(route.path, segments);
    if (!params) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { route, params };
    wrongMethod = true;
  }
  return wrongMethod ? 'method' : undefined;
}

function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
      if (value === '' || /[/\\\0]/.test(value)) return undefined;
      params[part.slice(1)] = value;
    } else if (part !== segment) return undefined;
  }
  return params;
}
