import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './field-error.module.css';

/** A problem with one row of an editor (an interval, a target), announced when it appears. */
export function FieldError({
  id,
  size = 'sm',
  children,
}: {
  id?: string;
  size?: 'xs' | 'sm';
  children: ReactNode;
}) {
  return (
    <Text id={id} size={size} className={classes.error} role="alert">
      {children}
    </Text>
  );
}

export const fieldErrorClass = classes.error;

/** Put on the root of an editor (and on the content of its dialogs) for legible error reds. */
export const errorScopeClass = classes.scope;
