import { Button, FileInput, Group, Select, Stack } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../ui/problem';
import { IMPORT_TYPES, type ImportType, type Upload, uploadFile } from './api';

export function UploadStep(props: {
  type: ImportType;
  onType: (type: ImportType) => void;
  onUploaded: (upload: Upload) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({ mutationFn: uploadFile, onSuccess: props.onUploaded });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (file) upload.mutate(file);
      }}
    >
      <Stack gap="md" maw={560}>
        <Select
          label={t('imports.upload.type')}
          data={IMPORT_TYPES.map((type) => ({ value: type, label: t(`imports.types.${type}`) }))}
          value={props.type}
          onChange={(value) => value && props.onType(value as ImportType)}
          allowDeselect={false}
        />
        <FileInput
          label={t('imports.upload.file')}
          description={t('imports.upload.fileHint')}
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
          value={file}
          onChange={setFile}
          clearable
          required
        />
        {upload.isError && <ProblemAlert error={upload.error} />}
        <Group>
          <Button
            type="submit"
            disabled={!file}
            loading={upload.isPending}
            leftSection={<IconUpload size={16} aria-hidden />}
          >
            {t('imports.upload.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
