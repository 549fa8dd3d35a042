/* @jsxRuntime automatic */
/** Navigation for components: links are real `<a href>` (so they work without JavaScript in the static site); the client router intercepts clicks. */
import { createContext, useContext, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { formatRoute, type Route } from './routes.ts';

export interface Navigation {
  route: Route;
  base: string;
  /** Whether the page runs in the browser with the API behind it (false in the static publication). */
  live: boolean;
  navigate(to: Route, options?: { replace?: boolean }): void;
}

export const NavigationContext = createContext<Navigation>({
  route: { view: 'dashboard', lang: 'en' },
  base: '/',
  live: false,
  navigate: () => undefined,
});

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}

/** A link to a route. */
export function Link({
  to,
  children,
  ...rest
}: { to: Route; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const navigation = useNavigation();
  const href = formatRoute(to, navigation.base);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(event);
    if (
      !navigation.live ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigation.navigate(to);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
