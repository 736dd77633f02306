import type { ReactElement } from 'react'

/**
 * The escape hatch every component offers: `render` receives the props the component would
 * put on its element (ARIA, data-* state, handlers) plus the state, and returns any element,
 * e.g. a design system's own Button: `render={(props) => <Button {...props} />}`.
 */
export type RenderProp<Props, State> = (props: Props, state: State) => ReactElement

/** A class name, or a function of the component's state. */
export type ClassNameProp<State> = string | ((state: State) => string | undefined)

export const resolveClassName = <State>(className: ClassNameProp<State> | undefined, state: State): string | undefined =>
  typeof className === 'function' ? className(state) : className

/** Empty data attributes for true, none for false: `[data-paused]` selectors just work. */
export const flag = (on: boolean | undefined): '' | undefined => (on ? '' : undefined)
