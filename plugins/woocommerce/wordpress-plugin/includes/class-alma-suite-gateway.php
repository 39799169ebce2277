<?php
/**
 * The "Pay in instalments with Alma" gateway. It holds no payment logic: process_payment asks the
 * alma-suite connector for the Alma payment page and redirects the customer there; process_refund
 * asks the connector to refund. The connector reads the order from the REST API itself and confirms
 * the payment when Alma notifies it.
 *
 * Calls are signed: header X-Alma-Suite-Signature = hex HMAC-SHA256, keyed with the store's signing
 * secret, of "v1:<timestamp>:<action>:<body>", with the timestamp in X-Alma-Suite-Timestamp.
 */

defined( 'ABSPATH' ) || exit;

class Alma_Suite_Gateway extends WC_Payment_Gateway {

	public function __construct() {
		$this->id                 = 'alma_suite';
		$this->method_title       = __( 'Alma (alma-suite)', 'alma-suite' );
		$this->method_description = __( 'Pay in 2 to 12 instalments or later with Alma. Connect the store with the alma-suite connector, then paste its URL, the store id and the signing secret it gave you.', 'alma-suite' );
		$this->has_fields         = false;
		$this->supports           = array( 'products', 'refunds' );

		$this->init_form_fields();
		$this->init_settings();
		$this->title       = $this->get_option( 'title' );
		$this->description = $this->get_option( 'description' );

		add_action( 'woocommerce_update_options_payment_gateways_' . $this->id, array( $this, 'process_admin_options' ) );
	}

	public function init_form_fields() {
		$this->form_fields = array(
			'enabled'        => array(
				'title'   => __( 'Enable', 'alma-suite' ),
				'type'    => 'checkbox',
				'label'   => __( 'Offer Alma at checkout', 'alma-suite' ),
				'default' => 'no',
			),
			'title'          => array(
				'title'   => __( 'Title', 'alma-suite' ),
				'type'    => 'text',
				'default' => __( 'Pay in instalments with Alma', 'alma-suite' ),
			),
			'description'    => array(
				'title'   => __( 'Description', 'alma-suite' ),
				'type'    => 'textarea',
				'default' => __( 'Pay in 3 monthly instalments by card. You will be redirected to Alma.', 'alma-suite' ),
			),
			'connector_url'  => array(
				'title'       => __( 'Connector URL', 'alma-suite' ),
				'type'        => 'text',
				'description' => __( 'Where the alma-suite server runs, e.g. https://alma.example.com', 'alma-suite' ),
			),
			'store_id'       => array(
				'title' => __( 'Store id', 'alma-suite' ),
				'type'  => 'text',
			),
			'signing_secret' => array(
				'title' => __( 'Signing secret', 'alma-suite' ),
				'type'  => 'password',
			),
			'min_amount'     => array(
				'title'       => __( 'Minimum order total (EUR)', 'alma-suite' ),
				'type'        => 'text',
				'description' => __( 'Filled in by the connector when the store is connected: the plan\'s limits at Alma. Empty: no limit.', 'alma-suite' ),
			),
			'max_amount'     => array(
				'title' => __( 'Maximum order total (EUR)', 'alma-suite' ),
				'type'  => 'text',
			),
		);
	}

	public function is_available() {
		return parent::is_available() && self::offers_alma( $this->settings, $this->get_order_total() );
	}

	/**
	 * Whether Alma can be offered for a total (null: not known yet), from the gateway's settings:
	 * enabled, connected to the connector, the shop in euros, the total within the plan's limits.
	 * The classic checkout (is_available) and the block checkout (Alma_Suite_Blocks::is_active)
	 * both ask this, so the two never disagree.
	 */
	public static function offers_alma( $settings, $total = null ) {
		$setting = function ( $key ) use ( $settings ) {
			return isset( $settings[ $key ] ) ? trim( (string) $settings[ $key ] ) : '';
		};
		if ( 'yes' !== $setting( 'enabled' ) || '' === $setting( 'connector_url' ) || '' === $setting( 'store_id' ) || '' === $setting( 'signing_secret' ) ) {
			return false;
		}
		if ( 'EUR' !== get_woocommerce_currency() ) {
			return false;
		}
		if ( null === $total ) {
			return true;
		}
		$total = (float) $total;
		$min   = $setting( 'min_amount' );
		$max   = $setting( 'max_amount' );
		return ( '' === $min || $total >= (float) $min ) && ( '' === $max || $total <= (float) $max );
	}

	public function process_payment( $order_id ) {
		$order  = wc_get_order( $order_id );
		$result = $order ? $this->call_connector(
			'payments',
			array(
				'order_id'   => $order->get_id(),
				'order_key'  => $order->get_order_key(),
				'return_url' => $this->get_return_url( $order ),
				'cancel_url' => $order->get_checkout_payment_url(),
				// The site's language, so Alma's payment page speaks the shop's language.
				'locale'     => get_locale(),
			)
		) : new WP_Error( 'alma_suite', __( 'Order not found.', 'alma-suite' ) );

		if ( is_wp_error( $result ) || empty( $result['redirect_url'] ) ) {
			$why = is_wp_error( $result ) ? $result->get_error_message() : __( 'no payment page was returned', 'alma-suite' );
			/* translators: %s: why Alma refused, as the connector explains it. */
			wc_add_notice( sprintf( __( 'Alma cannot take this payment: %s', 'alma-suite' ), $why ), 'error' );
			return array( 'result' => 'failure' );
		}
		return array(
			'result'   => 'success',
			'redirect' => esc_url_raw( $result['redirect_url'] ),
		);
	}

	/**
	 * The refunds being created in this request, by order id. WooCommerce saves a refund and then
	 * calls process_refund with only the order id and the amount; `woocommerce_create_refund` hands us
	 * that refund object just before it is saved, so by the time process_refund runs it has its id.
	 * Asking the order for its refunds instead would give the one with the latest date, which is not
	 * necessarily this one (two refunds within one second, or a refund dated later by hand).
	 *
	 * @var array<int, WC_Order_Refund>
	 */
	private static $refunds_in_progress = array();

	/** Hooked on `woocommerce_create_refund` (see alma-suite-woocommerce.php). */
	public static function remember_refund( $refund ) {
		if ( $refund instanceof WC_Order_Refund ) {
			self::$refunds_in_progress[ (int) $refund->get_parent_id() ] = $refund;
		}
	}

	/**
	 * WooCommerce has just saved a refund and now asks us to move the money: its id is what Alma
	 * records as the refund's merchant_reference.
	 */
	public function process_refund( $order_id, $amount = null, $reason = '' ) {
		$order  = wc_get_order( $order_id );
		$refund = isset( self::$refunds_in_progress[ (int) $order_id ] ) ? self::$refunds_in_progress[ (int) $order_id ] : null;
		if ( ! $order || ! $refund || ! $refund->get_id() ) {
			return new WP_Error( 'alma_suite', __( 'No refund to send to Alma.', 'alma-suite' ) );
		}
		unset( self::$refunds_in_progress[ (int) $order_id ] );
		$result = $this->call_connector(
			'refunds',
			array(
				'order_id'  => $order->get_id(),
				'refund_id' => $refund->get_id(),
				'amount'    => wc_format_decimal( null === $amount ? $refund->get_amount() : $amount, 2 ),
				'reason'    => (string) $reason,
			)
		);
		return is_wp_error( $result ) ? $result : true;
	}

	/** @return array|WP_Error The connector's JSON answer, or why there is none. */
	private function call_connector( $action, array $payload ) {
		$body      = wp_json_encode( $payload );
		$timestamp = (string) time();
		$signature = hash_hmac( 'sha256', 'v1:' . $timestamp . ':' . $action . ':' . $body, $this->get_option( 'signing_secret' ) );
		$url       = untrailingslashit( $this->get_option( 'connector_url' ) ) . '/woocommerce/gateway/' . rawurlencode( $this->get_option( 'store_id' ) ) . '/' . $action;

		$response = wp_remote_post(
			$url,
			array(
				'timeout' => 30,
				'headers' => array(
					'Content-Type'           => 'application/json',
					'X-Alma-Suite-Timestamp' => $timestamp,
					'X-Alma-Suite-Signature' => $signature,
				),
				'body'    => $body,
			)
		);
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$code = (int) wp_remote_retrieve_response_code( $response );
		$data = json_decode( wp_remote_retrieve_body( $response ), true );
		if ( 200 !== $code || ! is_array( $data ) ) {
			/* translators: %d: the HTTP status code the alma-suite connector answered with. */
			$message = is_array( $data ) && isset( $data['error'] ) ? (string) $data['error'] : sprintf( __( 'the connector answered HTTP %d', 'alma-suite' ), $code );
			return new WP_Error( 'alma_suite_connector', $message );
		}
		return $data;
	}
}
