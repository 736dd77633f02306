export { UploaderProvider, useUploader, useMessages, useLocale, useIcons, useByteFormat, useAnnounce, useUplinkContext } from './context'
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
export type { FileRejection } from './hooks/zone-restrictions'
export { useAddFiles } from './hooks/use-add-files'
export type { AddItem, AddResult } from './hooks/use-add-files'
export { useFileActions } from './hooks/use-file-actions'
export type { FileAction } from './hooks/use-file-actions'
export { useCoarsePointer } from './dom/use-coarse-pointer'

export { Dropzone } from './components/Dropzone'
export type { DropzoneProps, DropzoneRenderState } from './components/Dropzone'
export { UploadButton } from './components/UploadButton'
export type { UploadButtonProps, UploadButtonState } from './components/UploadButton'
export { FileList } from './components/FileList'
export type { FileListProps, FileListState } from './components/FileList'
export { useRowTabIndex } from './components/row-focus'
export { FileItem, statusText } from './components/FileItem'
export type { FileItemProps } from './components/FileItem'
export { FileError } from './components/FileError'
export { ProgressBar } from './components/ProgressBar'
export type { ProgressBarProps, ProgressBarState } from './components/ProgressBar'
export { TotalProgress } from './components/TotalProgress'
export type { TotalProgressProps } from './components/TotalProgress'
export { Thumbnail, useThumbnail, fileKind } from './thumbnail/thumbnail-chunk'
export type { ThumbnailProps } from './components/Thumbnail'
export {
  FileActionButton,
  StartButton,
  PauseButton,
  ResumeButton,
  CancelButton,
  RetryButton,
  RemoveButton,
} from './components/FileActionButton'
export type { FileActionButtonProps, FileActionState } from './components/FileActionButton'
export { BulkActions, BulkActionButton, bulkActionApplies } from './components/BulkActions'
export type { BulkAction, BulkActionButtonProps, BulkActionsProps, BulkActionState } from './components/BulkActions'

export { defaultIcons } from './icons/icons'
export type { UplinkIcons, FileKind } from './icons/icons'
export { retainAnnouncer, liveAnnouncer } from './a11y/live-announcer'
export type { LiveAnnouncer, Assertiveness } from './a11y/live-announcer'
export { defaultMessages, mergeMessages } from './i18n/default-messages'
export { errorText } from './i18n/messages'
export type { UplinkMessages, UplinkMessageOverrides, FileActionName, BulkActionName } from './i18n/messages'
export { formatBytes, formatSpeed, formatDuration, formatPercent, plural } from './i18n/format'
export type { ByteUnits } from './i18n/format'
export type { RenderProp, ClassNameProp } from './render'
