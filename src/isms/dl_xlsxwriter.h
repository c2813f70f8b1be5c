/*
 * dl_xlsxwriter.h — libxlsxwriter: self-inspection workbooks (isms/assess_workbook.c,
 * assess_xlsx.c), loaded when first used (common/dynlib.h). Include this instead of <xlsxwriter.h>:
 * the calls below go through the table, which loads the library on first use.
 */
#ifndef AG_DL_XLSXWRITER_H
#define AG_DL_XLSXWRITER_H

#include <xlsxwriter.h>

#include "common/dynlib.h"

#define AG_XLSXWRITER_FUNCS(X)                                                                     \
    X(format_set_align)                                                                            \
    X(format_set_bg_color)                                                                         \
    X(format_set_bold)                                                                             \
    X(format_set_border)                                                                           \
    X(format_set_font_size)                                                                        \
    X(format_set_num_format)                                                                       \
    X(format_set_text_wrap)                                                                        \
    X(format_set_top)                                                                              \
    X(format_set_unlocked)                                                                         \
    X(lxw_rowcol_to_cell)                                                                          \
    X(lxw_strerror)                                                                                \
    X(workbook_add_format)                                                                         \
    X(workbook_add_worksheet)                                                                      \
    X(workbook_close)                                                                              \
    X(workbook_new)                                                                                \
    X(workbook_validate_sheet_name)                                                                \
    X(worksheet_autofilter)                                                                        \
    X(worksheet_data_validation_range)                                                             \
    X(worksheet_fit_to_pages)                                                                      \
    X(worksheet_freeze_panes)                                                                      \
    X(worksheet_merge_range)                                                                       \
    X(worksheet_protect)                                                                           \
    X(worksheet_repeat_rows)                                                                       \
    X(worksheet_set_column)                                                                        \
    X(worksheet_set_column_opt)                                                                    \
    X(worksheet_set_landscape)                                                                     \
    X(worksheet_write_blank)                                                                       \
    X(worksheet_write_formula_num)                                                                 \
    X(worksheet_write_formula_str)                                                                 \
    X(worksheet_write_number)                                                                      \
    X(worksheet_write_string)

struct ag_xlsxwriter_api {
    AG_XLSXWRITER_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_xlsxwriter_lib;

#define format_set_align AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_align)
#define format_set_bg_color                                                                        \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_bg_color)
#define format_set_bold AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_bold)
#define format_set_border AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_border)
#define format_set_font_size                                                                       \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_font_size)
#define format_set_num_format                                                                      \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_num_format)
#define format_set_text_wrap                                                                       \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_text_wrap)
#define format_set_top AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_top)
#define format_set_unlocked                                                                        \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, format_set_unlocked)
#define lxw_rowcol_to_cell AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, lxw_rowcol_to_cell)
#define lxw_strerror AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, lxw_strerror)
#define workbook_add_format                                                                        \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, workbook_add_format)
#define workbook_add_worksheet                                                                     \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, workbook_add_worksheet)
#define workbook_close AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, workbook_close)
#define workbook_new AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, workbook_new)
#define workbook_validate_sheet_name                                                               \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, workbook_validate_sheet_name)
#define worksheet_autofilter                                                                       \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_autofilter)
#define worksheet_data_validation_range                                                            \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_data_validation_range)
#define worksheet_fit_to_pages                                                                     \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_fit_to_pages)
#define worksheet_freeze_panes                                                                     \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_freeze_panes)
#define worksheet_merge_range                                                                      \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_merge_range)
#define worksheet_protect AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_protect)
#define worksheet_repeat_rows                                                                      \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_repeat_rows)
#define worksheet_set_column                                                                       \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_set_column)
#define worksheet_set_column_opt                                                                   \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_set_column_opt)
#define worksheet_set_landscape                                                                    \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_set_landscape)
#define worksheet_write_blank                                                                      \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_write_blank)
#define worksheet_write_formula_num                                                                \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_write_formula_num)
#define worksheet_write_formula_str                                                                \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_write_formula_str)
#define worksheet_write_number                                                                     \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_write_number)
#define worksheet_write_string                                                                     \
    AG_DYNLIB_CALL(ag_xlsxwriter_lib, ag_xlsxwriter_api, worksheet_write_string)

#endif
