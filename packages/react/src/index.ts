export { UploaderProvider, useUploader, useMessages, useLocale, useAnnounce, useUplinkContext } from './context'
export type { UploaderProviderProps, UplinkContextValue } from './context'
export {
  useUploaderState,
  useUploaderStateShallow,
  useFileIds,
  useFile,
  useTotals,
  useOnline,
} from './hooks/use-uploader-state'
export { useDropzone } from './hooks/use-dropzone'
export type { UseDropzoneOptions, DropzoneState } from './hooks/use-dropzone'
export { useAddFiles } from './hooks/use-add-files'
export type { AddItem, AddResult } from './hooks/use-add-files'
export { useFileActions, availableActions } from './hooks/use-file-actions'
export type { FileAction } from './hooks/use-file-actions'
export type { FileRejection } from './hooks/restrictions'
export { useThumbnail } from './thumbnail/use-thumbnail'

export { Dropzone } from './components/Dropzone'
export type { DropzoneProps, DropzoneRenderState } from './components/Dropzone'
export { UploadButton } from './components/UploadButton'
export type { UploadButtonProps, UploadButtonState } from './components/UploadButton'
export { FileList } from './components/FileList'
export type { FileListProps, FileListState } from './components/FileList'
export { FileItem } from './components/FileItem'
export type { FileItemProps } from './components/FileItem'
export { ProgressBar } from './components/ProgressBar'
export type { ProgressBarProps, ProgressBarState } from './components/ProgressBar'
export { TotalProgress } from './components/TotalProgress'
export type { TotalProgressProps } from './components/TotalProgress'
export { Thumbnail } from './components/Thumbnail'
export type { ThumbnailProps } from './components/Thumbnail'
export {
  FileActionButton,
  PauseButton,
  ResumeButton,
  CancelButton,
  RetryButton,
  RemoveButton,
} from './components/FileActionButton'
export type { FileActionButtonProps, FileActionState } from './components/FileActionButton'

export { defaultMessages, mergeMessages, errorText } from './i18n/messages'
export type { UplinkMessages } from './i18n/messages'
export { formatBytes, formatSpeed, formatDuration, formatPercent } from './i18n/format'
export type { RenderProp, ClassNameProp } from './render'
