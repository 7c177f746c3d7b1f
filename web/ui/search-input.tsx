import { CloseButton, Kbd, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { LIST_SEARCH_ATTRIBUTE } from './keyboard';

interface SearchInputProps {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  clearLabel: string;
}

/** The list's search box: `/` focuses it, typing filters after a short pause, Esc clears it. */
export function SearchInput({ label, placeholder, value, onChange, clearLabel }: SearchInputProps) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = useDebouncedCallback((next: string) => onChange(next.trim()), 300);
  return (
    <TextInput
      {...{ [LIST_SEARCH_ATTRIBUTE]: '' }}
      aria-label={label}
      placeholder={placeholder}
      type="search"
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && text) {
          event.stopPropagation();
          setText('');
          onChange('');
        }
        if (event.key === 'Enter') {
          commit.flush();
        }
      }}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={clearLabel}
            onClick={() => {
              setText('');
              onChange('');
            }}
          />
        ) : (
          <Kbd size="xs" aria-hidden>
            /
          </Kbd>
        )
      }
      w={{ base: '100%', xs: 220, lg: 300 }}
    />
  );
}
