<?php
// php -S router: real files are served as they are, everything else goes to WordPress's index.php
// (so that pretty permalinks and /wp-json/ resolve, as with Apache's rewrite rules).
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ( '/' !== $path && is_file( $file ) ) {
	if ( '.php' === substr( $file, -4 ) ) {
		$_SERVER['SCRIPT_NAME'] = $path;
		$_SERVER['SCRIPT_FILENAME'] = $file;
		$_SERVER['PHP_SELF'] = $path;
		chdir( dirname( $file ) );
		require $file;
		return true;
	}
	return false;
}
if ( is_dir( $file ) && is_file( rtrim( $file, '/' ) . '/index.php' ) ) {
	chdir( rtrim( $file, '/' ) );
	require rtrim( $file, '/' ) . '/index.php';
	return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
